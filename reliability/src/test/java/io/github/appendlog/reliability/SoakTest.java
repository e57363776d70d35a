package io.github.appendlog.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A short soak in the default build: the same run and checks as {@link SoakRunner}, fewer lines. */
class SoakTest {

    static Stream<Arguments> runs() {
        List<Arguments> runs = new ArrayList<>();
        for (String compression : new String[] {"none", "gzip"}) {
            for (Framework fw : Framework.values()) {
                runs.add(Arguments.of(fw, compression));
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0}, compression={1}")
    @MethodSource("runs")
    void aShortSoakKeepsEveryPromise(Framework fw, String compression) throws Exception {
        SoakRunner.Options o = new SoakRunner.Options();
        o.compression = compression;
        o.lines = 60_000;
        o.maxBatchBytes = "8 KB";
        o.requestTimeout = Duration.ofMillis(300);
        o.slowReply = Duration.ofMillis(450);
        SoakRunner.Result r = SoakRunner.run(fw, o);
        assertTrue(r.kept(), r.toString());
        assertTrue(r.faults >= 30, "the mix hit enough requests: " + r);
        assertEquals(0, r.lost(), r.toString());
        assertEquals(60_000, r.check.present + r.check.missing);
    }
}
