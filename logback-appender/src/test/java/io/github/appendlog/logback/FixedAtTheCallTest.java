package io.github.appendlog.logback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the encoder thread reads of an event is what it was at the log call: the message, and also
 * the argument array and the SLF4J 2 key-value pairs, even when their objects change right after.
 */
class FixedAtTheCallTest {
    private final EmulatedStore store = new EmulatedStore();

    @BeforeEach
    void resetEncoder() {
        HeldEncoder.reset();
    }

    @AfterEach
    void closeStore() {
        HeldEncoder.release.countDown();
        store.close();
    }

    @Test
    @Timeout(60)
    void argumentsAndKeyValuePairsShowTheirStateAtTheCall() throws Exception {
        LoggerContext context = XmlContext.load("logback-held-encoder.xml", store.properties("fixed/app.log"));
        assertTrue(XmlContext.statusMessages(context, Status.ERROR).isEmpty(),
                () -> XmlContext.statusMessages(context, Status.ERROR).toString());
        Logger log = context.getLogger("app");
        StringBuilder value = new StringBuilder("value-before");
        StringBuilder argument = new StringBuilder("argument-before");

        log.atInfo().addKeyValue("k", value).addKeyValue("n", 42).log("order {} placed", argument);
        assertTrue(HeldEncoder.holding.await(30, TimeUnit.SECONDS), "the encoder thread has the event");
        value.replace(0, value.length(), "value-after");
        argument.replace(0, argument.length(), "argument-after");
        HeldEncoder.release.countDown();
        context.stop();

        assertEquals(List.of("k=\"value-before\" n=\"42\" order argument-before placed"), store.lines("fixed/"));
        assertEquals(List.of("[argument-before] [k=\"value-before\", n=\"42\"]"), HeldEncoder.SEEN);
    }
}
