package io.github.appendlog.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every missing or invalid setting gives an ERROR status that names the setting; the appender
 * stays stopped and the application logs on without an exception.
 */
class BadConfigTest {
    private static Store store;

    @BeforeAll
    static void start() {
        store = Store.start();
    }

    @AfterAll
    static void stop() {
        store.close();
    }

    static Stream<Arguments> badSettings() {
        String[][] cases = {
            {"endpoint", ""},
            {"endpoint", "ftp://127.0.0.1:9"},
            {"endpoint", "http://127.0.0.1:9/a/path"},
            {"region", ""},
            {"region", "CN_Hangzhou"},
            {"region", "oss-cn-hangzhou"},
            {"bucket", ""},
            {"bucket", "Not_A_Bucket"},
            {"objectKey", ""},
            {"objectKey", "/starts/with/slash-%i.log"},
            {"objectKey", "logs/%d{yyyy-MM-dd/app-%i.log"},
            {"signatureVersion", "V3"},
            {"maxBufferBytes", "-1 MB"},
            {"maxBufferBytes", "1 PB"},
            {"maxBatchBytes", "10 TB"},
            {"maxEventBytes", "lots"},
            {"maxObjectBytes", "6 GB"},
            {"flushInterval", "soon"},
            {"flushInterval", "0 ms"},
            {"shutdownTimeout", "-5 seconds"},
            {"requestTimeout", "forever"},
            {"retryBaseDelay", "2 hours"},
            {"maxRetries", "many"},
            {"maxRetries", "-1"},
            {"discardThreshold", "150"},
            {"overflowPolicy", "WAIT"},
            {"trustStore", "/no/such/dir/store.p12"},
        };
        List<Arguments> args = new ArrayList<>();
        for (Framework fw : Framework.values()) {
            for (String[] c : cases) {
                args.add(Arguments.of(fw, c[0], c[1]));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}: {1}=''{2}''")
    @MethodSource("badSettings")
    void anErrorNamesTheSettingAndTheAppenderStaysStopped(Framework fw, String setting, String value) throws Exception {
        Map<String, String> settings = store.settings("bad-config/" + fw + "/app-%i.log");
        settings.put(setting, value);
        try (LoggingApp app = fw.start("OSS", settings)) {
            assertFalse(app.appenderStarted(), "the appender stays stopped");
            List<LoggingApp.Status> errors = app.statuses().stream().filter(LoggingApp.Status::isError)
                    .collect(Collectors.toList());
            assertTrue(errors.stream().anyMatch(s -> s.text.contains(setting)),
                    "an error names " + setting + ": " + errors);
            app.info("the application logs on");
            app.warn("and on");
        }
        assertEquals(List.of(), store.keys("bad-config/" + fw + "/"), "nothing was written");
    }
}
