package io.github.appendlog.log4j2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log4j2's {@code JsonTemplateLayout} and Elastic's {@code EcsLayout} through the appender: one JSON
 * object per line, the fields the same layout writes through a {@code File} appender, and the source
 * location: from a {@code LocationAware} layout that asks for it, or with {@code includeLocation="true"}
 * for a layout that is not (EcsLayout's {@code includeOrigin}).
 */
class JsonLayoutsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @RegisterExtension
    final TestStore store = new TestStore();
    @TempDir
    Path dir;

    private LoggerContext context() throws Exception {
        System.setProperty("appendlog.it.dir", dir.toString());
        return TestContexts.context("json-layouts.xml");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parse(String text) throws Exception {
        List<Map<String, Object>> parsed = new ArrayList<>();
        for (String line : text.split("\n")) {
            parsed.add(JSON.readValue(line, Map.class)); // throws unless the line is one whole JSON object
        }
        return parsed;
    }

    private List<Map<String, Object>> file(String name) throws Exception {
        return parse(new String(Files.readAllBytes(dir.resolve(name)), StandardCharsets.UTF_8));
    }

    private static void logSome(Logger log) {
        ThreadContext.put("request", "r-7");
        log.info("order {} placed", 42);
        ThreadContext.clearMap();
        log.warn("failed", new IllegalStateException("card declined"));
    }

    @Test
    void jsonTemplateLayoutLinesAreWhatTheFileGetsWithTheSource() throws Exception {
        LoggerContext context = context();
        logSome(context.getLogger("it.template"));
        assertTrue(context.stop(30, TimeUnit.SECONDS));

        List<Map<String, Object>> stored = parse(store.text("template/"));
        assertEquals(file("template.json"), stored);
        assertEquals(2, stored.size());
        assertEquals("order 42 placed", stored.get(0).get("message"));
        assertEquals(Map.of("request", "r-7"), stored.get(0).get("contextMap"));
        assertTrue(String.valueOf(stored.get(1).get("thrown")).contains("card declined"), stored.get(1)::toString);
        Map<?, ?> source = (Map<?, ?>) stored.get(0).get("source");
        assertEquals("logSome", source.get("method"), stored.get(0)::toString);
        assertEquals("JsonLayoutsTest.java", source.get("file"));
    }

    @Test
    void ecsLayoutWithIncludeOriginGetsTheOriginWhenTheAppenderIncludesTheLocation() throws Exception {
        LoggerContext context = context();
        logSome(context.getLogger("it.ecs"));
        assertTrue(context.stop(30, TimeUnit.SECONDS));

        List<Map<String, Object>> stored = parse(store.text("ecs/"));
        assertEquals(file("ecs.json"), stored);
        assertEquals(2, stored.size());
        assertEquals("order 42 placed", stored.get(0).get("message"));
        assertEquals("r-7", stored.get(0).get("request"));
        assertTrue(stored.get(0).toString().contains("function=logSome"), stored.get(0)::toString);
        assertTrue(stored.get(0).toString().contains("JsonLayoutsTest.java"), stored.get(0)::toString);

        List<Map<String, Object>> plain = parse(store.text("ecs-plain/"));
        assertEquals(2, plain.size());
        assertFalse(plain.get(0).toString().contains("logSome"), "not LocationAware: no origin unless asked "
                + plain.get(0));
    }
}
