package io.mallard.geoip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a small GeoIP2-City-format MaxMind DB (format 2.0, IPv6 tree, 32-bit records) for tests,
 * so the MaxMind adapter is exercised against a real file without shipping MaxMind's databases.
 * IPv4 networks are stored under {@code ::/96}, where readers look IPv4 addresses up.
 *
 * <p>Format: <a href="https://maxmind.github.io/MaxMind-DB/">MaxMind DB File Format Specification</a>.
 */
public final class TestCityDatabase {
    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
            'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};
    private static final long EMPTY = -1;

    /** One network and what it locates to; region and city may be null. */
    public record Network(String cidr, String countryCode, String region, String city) {
    }

    private final List<long[]> nodes = new ArrayList<>();

    private TestCityDatabase() {
        nodes.add(new long[] {EMPTY, EMPTY});
    }

    public static Path write(Path file, List<Network> networks) throws IOException {
        TestCityDatabase database = new TestCityDatabase();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (Network network : networks) {
            int offset = data.size();
            data.writeBytes(encode(cityRecord(network)));
            database.insert(network.cidr(), offset);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        database.writeTree(out);
        out.writeBytes(new byte[16]);
        out.writeBytes(data.toByteArray());
        out.writeBytes(METADATA_MARKER);
        out.writeBytes(encode(database.metadata()));
        Files.write(file, out.toByteArray());
        return file;
    }

    private static Map<String, Object> cityRecord(Network network) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("country", Map.of("iso_code", network.countryCode(), "names", Map.of("en", network.countryCode())));
        if (network.region() != null) {
            record.put("subdivisions", List.of(Map.of("names", Map.of("en", network.region()))));
        }
        if (network.city() != null) {
            record.put("city", Map.of("names", Map.of("en", network.city())));
        }
        return record;
    }

    private Map<String, Object> metadata() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("binary_format_major_version", new Uint16(2));
        metadata.put("binary_format_minor_version", new Uint16(0));
        metadata.put("build_epoch", new Uint64(1_700_000_000L));
        metadata.put("database_type", "GeoIP2-City");
        metadata.put("description", Map.of("en", "Mallard Metrics test database"));
        metadata.put("ip_version", new Uint16(6));
        metadata.put("languages", List.of("en"));
        metadata.put("node_count", new Uint32(nodes.size()));
        metadata.put("record_size", new Uint16(32));
        return metadata;
    }

    private void insert(String cidr, int dataOffset) throws IOException {
        String[] parts = cidr.split("/");
        byte[] address = InetAddress.getByName(parts[0]).getAddress();
        int prefix = Integer.parseInt(parts[1]);
        if (address.length == 4) {
            byte[] mapped = new byte[16];
            System.arraycopy(address, 0, mapped, 12, 4);
            address = mapped;
            prefix += 96;
        }
        int node = 0;
        for (int bit = 0; bit < prefix; bit++) {
            int side = (address[bit / 8] >> (7 - bit % 8)) & 1;
            if (bit == prefix - 1) {
                nodes.get(node)[side] = -2 - dataOffset;
            } else {
                long next = nodes.get(node)[side];
                if (next < 0) {
                    nodes.add(new long[] {EMPTY, EMPTY});
                    next = nodes.size() - 1;
                    nodes.get(node)[side] = next;
                }
                node = (int) next;
            }
        }
    }

    /** Record values: a node index, {@code node_count} for "no data", {@code node_count + 16 + offset} for data. */
    private void writeTree(ByteArrayOutputStream out) {
        long count = nodes.size();
        for (long[] node : nodes) {
            for (long record : node) {
                long value = record >= 0 ? record : record == EMPTY ? count : count + 16 + (-2 - record);
                for (int shift = 24; shift >= 0; shift -= 8) {
                    out.write((int) (value >>> shift));
                }
            }
        }
    }

    private record Uint16(int value) {
    }

    private record Uint32(long value) {
    }

    private record Uint64(long value) {
    }

    private static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        encode(value, out);
        return out.toByteArray();
    }

    private static void encode(Object value, ByteArrayOutputStream out) {
        switch (value) {
            case String text -> {
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                control(out, 2, utf8.length);
                out.writeBytes(utf8);
            }
            case Map<?, ?> map -> {
                control(out, 7, map.size());
                map.forEach((key, entry) -> {
                    encode(key, out);
                    encode(entry, out);
                });
            }
            case List<?> list -> {
                control(out, 11, list.size());
                list.forEach(element -> encode(element, out));
            }
            case Uint16 number -> unsigned(out, 5, number.value());
            case Uint32 number -> unsigned(out, 6, number.value());
            case Uint64 number -> unsigned(out, 9, number.value());
            default -> throw new IllegalArgumentException("cannot encode " + value.getClass());
        }
    }

    private static void unsigned(ByteArrayOutputStream out, int type, long value) {
        int bytes = (64 - Long.numberOfLeadingZeros(value) + 7) / 8;
        control(out, type, bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)));
        }
    }

    /** Control byte: type in the top 3 bits (0 = extended, type in the next byte), size in the low 5. */
    private static void control(ByteArrayOutputStream out, int type, int size) {
        int sizeBits = size < 29 ? size : size < 285 ? 29 : 30;
        out.write(((type <= 7 ? type : 0) << 5) | sizeBits);
        if (type > 7) {
            out.write(type - 7);
        }
        if (sizeBits == 29) {
            out.write(size - 29);
        } else if (sizeBits == 30) {
            out.write((size - 285) >>> 8);
            out.write(size - 285);
        }
    }
}
