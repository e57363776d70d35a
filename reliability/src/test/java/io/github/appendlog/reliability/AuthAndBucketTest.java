package io.github.appendlog.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.emulator.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The store refuses the key or knows no such bucket: one clear warning (never an ERROR) through the framework's
 * status (not one per batch or attempt), the lines kept within the buffer's bound and retried
 * with a backoff, and a fix made outside the configuration (a rotated key in the credentials file,
 * the bucket created) takes effect without a restart.
 */
class AuthAndBucketTest {
    private static final String WRONG_SECRET = Secrets.register("wrong-secret-Hh3k-never-shown");
    private static final String OLD_ID = "rel-retired-id";
    private static final String OLD_SECRET = Secrets.register("retired-secret-Pp8d-never-shown");

    @TempDir
    Path dir;
    @RegisterExtension
    final Store store = Store.perTest();

    @ParameterizedTest
    @EnumSource(Framework.class)
    void aWrongSecretIsReportedOnceAndARotatedKeyInTheCredentialsFileTakesEffect(Framework fw) throws Exception {
        Path file = dir.resolve("credentials");
        Store.writeCredentials(file, Store.ACCESS_KEY_ID, WRONG_SECRET, Store.SECURITY_TOKEN);
        refusedThenFixed(fw, "wrong-secret", "SignatureDoesNotMatch", Store.BUCKET,
                store.settingsWithCredentialsFile("wrong-secret/" + fw + "/app-%i.log", file),
                () -> Store.writeCredentials(file, Store.ACCESS_KEY_ID, Store.ACCESS_KEY_SECRET, Store.SECURITY_TOKEN));
    }

    @ParameterizedTest
    @EnumSource(Framework.class)
    void anUnknownAccessKeyIsReportedOnceAndARotatedKeyTakesEffect(Framework fw) throws Exception {
        Path file = dir.resolve("credentials");
        Store.writeCredentials(file, OLD_ID, OLD_SECRET, null);
        refusedThenFixed(fw, "unknown-key", "InvalidAccessKeyId", Store.BUCKET,
                store.settingsWithCredentialsFile("unknown-key/" + fw + "/app-%i.log", file),
                () -> Store.writeCredentials(file, Store.ACCESS_KEY_ID, Store.ACCESS_KEY_SECRET, Store.SECURITY_TOKEN));
    }

    @ParameterizedTest
    @EnumSource(Framework.class)
    void aMissingBucketIsReportedOnceAndCreatingItTakesEffect(Framework fw) throws Exception {
        String bucket = "late-bucket-" + fw.name().toLowerCase(java.util.Locale.ROOT);
        Map<String, String> settings = store.settings("missing-bucket/" + fw + "/app-%i.log");
        settings.put("bucket", bucket);
        refusedThenFixed(fw, "missing-bucket", "NoSuchBucket", bucket, settings, () -> store.emu().createBucket(bucket));
    }

    @ParameterizedTest
    @EnumSource(Framework.class)
    void aFailureThatGoesOnIsSummarisedOncePerInterval(Framework fw) throws Exception {
        Path file = dir.resolve("credentials");
        Store.writeCredentials(file, Store.ACCESS_KEY_ID, WRONG_SECRET, Store.SECURITY_TOKEN);
        Map<String, String> settings = store.settingsWithCredentialsFile("interval/" + fw + "/app-%i.log", file);
        settings.put("dropReportInterval", "1 second");
        settings.put("retryMaxDelay", "100 ms");
        settings.put("shutdownTimeout", "200 ms");
        try (LoggingApp app = fw.start("OSS", settings)) {
            long start = System.nanoTime();
            new Workload(app, "a", 1).log(10);
            await().atMost(Duration.ofSeconds(20)).until(() -> appendFailures(app, "SignatureDoesNotMatch").size() >= 3);
            long attempts = store.emu().requestCount(Operation.ANY);
            double seconds = (System.nanoTime() - start) / 1e9;
            app.stop();
            List<LoggingApp.Status> warnings = appendFailures(app, "SignatureDoesNotMatch");
            long summaries = warnings.stream().filter(e -> e.text.contains("still fails")).count();
            assertTrue(summaries >= 2 && warnings.size() <= 1 + (long) Math.ceil(seconds) + 1,
                    warnings.size() + " warnings in " + seconds + " s: " + warnings);
            assertTrue(attempts > 3 * warnings.size(),
                    "fewer warnings (" + warnings.size() + ") than attempts (" + attempts + ")");
        }
    }

    /** The sender's reports of failed appends naming {@code code} (the listing's own warning aside). */
    private static List<LoggingApp.Status> appendFailures(LoggingApp app, String code) {
        return app.warnings(code).stream().filter(w -> w.text.contains("cannot append to"))
                .collect(java.util.stream.Collectors.toList());
    }

    interface Fix {
        void apply() throws Exception;
    }

    private void refusedThenFixed(Framework fw, String name, String code, String bucket, Map<String, String> settings,
            Fix fix) throws Exception {
        String prefix = name + "/" + fw + "/";
        settings.put("maxBufferBytes", "64 KB");
        Workload work;
        LoggingApp captured;
        try (LoggingApp app = fw.start("OSS", settings)) {
            captured = app;
            work = new Workload(app, "a", 2);
            work.log(100);
            // Refused again and again, with a backoff: many attempts, one error.
            await().atMost(Duration.ofSeconds(20)).until(() -> store.emu().requestCount(Operation.ANY) >= 12);
            work.log(3000); // far beyond the 64 KB buffer while the store refuses
            List<LoggingApp.Status> warnings = appendFailures(app, code);
            assertEquals(1, warnings.size(), "one warning for " + code + ", not one per attempt: " + warnings);
            assertTrue(warnings.get(0).text.contains(expectedAdvice(code)), warnings.get(0).text);
            fix.apply();
            long logged = work.total();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                LineCheck c = LineCheck.of(store.bytes(bucket, prefix), work.expected());
                return c.present + app.reportedDropsSoFar() >= logged || c.present + c.markerDrops >= logged;
            });
            work.log(100);
            app.stop();
            assertEquals(1, appendFailures(app, code).size(), "still one warning: " + appendFailures(app, code));
            assertEquals(List.of(), app.errors(""), "refused at run time is a WARN, never an ERROR");
            assertTrue(!app.containing("works again").isEmpty(), "recovery is reported: " + app.statuses());
        }
        LineCheck check = LineCheck.of(store.bytes(bucket, prefix), work.expected());
        assertTrue(check.intact() && check.other.isEmpty(), check.toString());
        assertTrue(check.missing > 0, "the 64 KB buffer must overflow while refused: " + check);
        assertEquals(check.missing, captured.reportedDrops(), "drops reported equal lines missing; " + check);
        assertEquals(check.missing, check.markerDrops, check.toString());
        assertEquals(0, captured.reportedUnflushed());
    }

    private static String expectedAdvice(String code) {
        switch (code) {
            case "SignatureDoesNotMatch":
                return "check accessKeySecret for access key id " + Store.ACCESS_KEY_ID;
            case "InvalidAccessKeyId":
                return "does not know access key id " + OLD_ID;
            default:
                return "check bucket";
        }
    }
}
