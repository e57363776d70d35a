package io.github.appendlog.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A short soak in the default build: the same run and checks as {@link SoakRunner}, fewer lines. */
class SoakTest {

    @ParameterizedTest
    @EnumSource(Framework.class)
    void aShortSoakKeepsEveryPromise(Framework fw) throws Exception {
        SoakRunner.Options o = new SoakRunner.Options();
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
