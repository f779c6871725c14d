package io.mallard.domain.behavior.bench;

import io.mallard.domain.behavior.EventTrail;
import io.mallard.domain.behavior.FunnelMode;
import io.mallard.domain.behavior.NextNode;
import io.mallard.domain.behavior.Retention;
import io.mallard.domain.behavior.SequenceMatcher;
import io.mallard.domain.behavior.SequencePattern;
import io.mallard.domain.behavior.Sessionizer;
import io.mallard.domain.behavior.TimeSpan;
import io.mallard.domain.behavior.WindowFunnel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Engine throughput on one core, in events per second: every benchmark runs one function over the
 * same 1,000,000 events of 200,000 visitors (1–10 events each, 5 s–30 min apart, four conditions
 * met with the frequencies of a site's pages: step k on about 1 event in 2^k), so a score is
 * events/s. Run by {@code scripts/bench/engine.sh}; results in PERF.md.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OperationsPerInvocation(EngineBenchmark.EVENTS)
public class EngineBenchmark {
    static final int EVENTS = 1_000_000;
    static final int VISITORS = 200_000;

    private final List<EventTrail> trails = new ArrayList<>();
    private final List<List<NextNode.Row>> pageRows = new ArrayList<>();
    private final List<long[]> times = new ArrayList<>();
    /** The funnel, per mode: {@code default} or a {@link FunnelMode} name (only the funnel runs once per mode). */
    @State(Scope.Benchmark)
    public static class Funnel {
        @Param({"default", "strict_order", "strict_once"})
        public String mode;
        WindowFunnel engine;

        @Setup
        public void create() {
            engine = new WindowFunnel(TimeSpan.ofSeconds(86_400), mode.equals("default") ? Set.of() : FunnelMode.parse(mode), 4);
        }
    }
    private final SequenceMatcher gated = new SequenceMatcher(SequencePattern.parse("(?1).*(?t<=3600)(?2).*(?3)", 3));
    private final NextNode flow = new NextNode(NextNode.Direction.FORWARD, NextNode.Base.FIRST_MATCH, 3);
    private final Sessionizer sessions = new Sessionizer(TimeSpan.ofSeconds(1800));

    @Setup
    public void generate() {
        Random random = new Random(42);
        int remaining = EVENTS;
        String[] pages = {"/", "/pricing", "/signup", "/checkout", "/blog", "/docs"};
        for (int visitor = 0; visitor < VISITORS; visitor++) {
            int size = visitor == VISITORS - 1 ? remaining : Math.min(remaining - (VISITORS - visitor - 1), 1 + random.nextInt(9));
            remaining -= size;
            EventTrail.Builder trail = EventTrail.builder();
            List<NextNode.Row> rows = new ArrayList<>(size);
            long[] stamps = new long[size];
            long time = 1_780_000_000_000_000L + random.nextInt(86_400) * 1_000_000L;
            for (int i = 0; i < size; i++) {
                time += (5 + random.nextInt(1_800)) * 1_000_000L;
                int mask = 0;
                for (int step = 0; step < 4; step++) {
                    mask |= random.nextInt(2 << step) == 0 ? 1 << step : 0;
                }
                trail.add(time, mask);
                rows.add(new NextNode.Row(time, pages[random.nextInt(pages.length)], true, mask | 0b1110));
                stamps[i] = time;
            }
            trails.add(trail.build());
            pageRows.add(rows);
            times.add(stamps);
        }
    }

    @Benchmark
    public void windowFunnel(Funnel funnel, Blackhole sink) {
        for (EventTrail trail : trails) {
            sink.consume(funnel.engine.evaluate(trail));
        }
    }

    @Benchmark
    public void sequenceMatchWithTimeGate(Blackhole sink) {
        for (EventTrail trail : trails) {
            sink.consume(gated.matches(trail));
        }
    }

    @Benchmark
    public void sequenceCountWithTimeGate(Blackhole sink) {
        for (EventTrail trail : trails) {
            sink.consume(gated.count(trail));
        }
    }

    @Benchmark
    public void sequenceNextNodeDepth3(Blackhole sink) {
        for (List<NextNode.Row> rows : pageRows) {
            sink.consume(flow.prefixValues(rows));
        }
    }

    @Benchmark
    public void retention(Blackhole sink) {
        for (EventTrail trail : trails) {
            BitSet met = new BitSet(4);
            for (int i = 0; i < trail.size(); i++) {
                met.set(Integer.numberOfTrailingZeros(trail.mask(i) | 0b10000));
            }
            sink.consume(Retention.retained(met, 4));
        }
    }

    @Benchmark
    public void sessionize(Blackhole sink) {
        for (long[] stamps : times) {
            sink.consume(sessions.count(stamps));
        }
    }
}
