package io.github.appendlog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A message of 20 MB through a 4 MB buffer with 1 MB events lands truncated with the marker, not dropped. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HugeEventTest {
    @RegisterExtension
    final TestStore store = new TestStore();

    @Test
    void aTwentyMegabyteMessageArrivesTruncatedWithTheMarker() throws Exception {
        LoggerContext context = TestContexts.context("huge-event.xml");
        Logger log = context.getLogger("it.huge");
        log.info("before"); // the buffer is not empty when the huge event comes
        log.info("{}", "x".repeat(20 << 20));
        log.info("after");
        assertTrue(context.stop(30, TimeUnit.SECONDS));

        String[] lines = store.text("huge/").split("\n");
        assertEquals(3, lines.length, () -> lines.length + " lines");
        assertEquals("before", lines[0]);
        assertTrue(lines[1].startsWith("xxxxxxxx") && lines[1].contains("...[appendlog: truncated "),
                () -> lines[1].substring(Math.max(0, lines[1].length() - 80)));
        assertTrue(lines[1].getBytes(StandardCharsets.UTF_8).length < (1 << 20));
        assertEquals("after", lines[2]);
    }
}
