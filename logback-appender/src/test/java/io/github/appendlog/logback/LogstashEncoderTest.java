package io.github.appendlog.logback;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;

/**
 * logstash-logback-encoder's {@code LogstashEncoder} through the appender: one JSON object per line,
 * with the fields the same encoder writes through a {@code FileAppender} in the same configuration,
 * structured arguments, SLF4J 2 key-value pairs and, when the encoder asks for it, caller data.
 */
class LogstashEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final EmulatedStore store = new EmulatedStore();
    @TempDir
    Path dir;

    @AfterEach
    void closeStore() {
        store.close();
    }

    private LoggerContext load(boolean callerData) throws Exception {
        Map<String, String> properties = new HashMap<>(store.properties("json/app.log"));
        properties.put("file", dir.resolve("app.json").toString());
        properties.put("callerData", String.valueOf(callerData));
        LoggerContext context = XmlContext.load("logback-logstash.xml", properties);
        assertTrue(XmlContext.statusMessages(context, Status.ERROR).isEmpty(),
                () -> XmlContext.statusMessages(context, Status.ERROR).toString());
        return context;
    }

    /**
     * Waits for the lines before stopping the context: LogstashEncoder prints the context's properties,
     * which {@code LoggerContext.stop()} clears before it stops the appenders, so an event encoded
     * during the stop would lack them (as with any asynchronous appender).
     */
    private void awaitLines(int count, LoggerContext context) {
        await().atMost(Duration.ofSeconds(10)).until(() -> store.lines("json/").size() == count);
        context.stop();
    }

    private List<Map<String, Object>> objectLines() throws Exception {
        return parse(store.lines("json/"));
    }

    private List<Map<String, Object>> fileLines() throws Exception {
        return parse(Files.readAllLines(dir.resolve("app.json"), StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parse(List<String> lines) throws Exception {
        List<Map<String, Object>> parsed = new ArrayList<>();
        for (String line : lines) {
            parsed.add(JSON.readValue(line, Map.class)); // throws unless the line is one whole JSON object
        }
        return parsed;
    }

    @Test
    void eachLineIsTheJsonTheFileAppenderWritesWithStructuredArgumentsAndKeyValuePairs() throws Exception {
        LoggerContext context = load(false);
        Logger log = context.getLogger("shop.orders");
        context.getMDCAdapter().put("request", "r-7");
        log.info("order {} placed", kv("orderId", 42));
        log.atInfo().setMessage("paid").addKeyValue("amount", 12.5).addKeyValue("currency", "EUR").log();
        log.warn("failed", new IllegalStateException("card declined"));
        context.getMDCAdapter().clear();
        awaitLines(3, context);

        List<Map<String, Object>> stored = objectLines();
        assertEquals(fileLines(), stored);
        assertEquals(3, stored.size());
        assertEquals("order orderId=42 placed", stored.get(0).get("message"));
        assertEquals(42, stored.get(0).get("orderId"));
        assertEquals("r-7", stored.get(0).get("request"));
        assertEquals("shop.orders", stored.get(0).get("logger_name"));
        assertEquals(12.5, stored.get(1).get("amount"));
        assertEquals("EUR", stored.get(1).get("currency"));
        assertTrue(((String) stored.get(2).get("stack_trace")).contains("card declined"), stored.get(2)::toString);
    }

    @Test
    void includeCallerDataOnTheEncoderYieldsTheCallerFields() throws Exception {
        LoggerContext context = load(true);
        Logger log = context.getLogger("shop.orders");
        int line = logFromHere(log);
        awaitLines(1, context);

        List<Map<String, Object>> stored = objectLines();
        assertEquals(fileLines(), stored);
        assertEquals(1, stored.size());
        Map<String, Object> event = stored.get(0);
        assertEquals(LogstashEncoderTest.class.getName(), event.get("caller_class_name"), event::toString);
        assertEquals("logFromHere", event.get("caller_method_name"));
        assertEquals("LogstashEncoderTest.java", event.get("caller_file_name"));
        assertEquals(line, event.get("caller_line_number"));
    }

    private static int logFromHere(Logger log) {
        int line = new Throwable().getStackTrace()[0].getLineNumber() + 1;
        log.info("with caller data");
        return line;
    }
}
