package io.mallard.http.ingest;

import java.util.Base64;

/** The 43-byte 1×1 transparent GIF the pixel endpoint answers with. */
final class TransparentGif {
    static final byte[] BYTES = Base64.getDecoder().decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    private TransparentGif() {
    }
}
