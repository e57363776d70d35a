package io.github.appendlog.reliability;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The object stops taking appends (replaced by a normal object; the store's size limit): roll over, lose nothing. */
class RolloverTest {

    @ParameterizedTest
    @EnumSource(Framework.class)
    void anObjectReplacedByANormalObjectRollsToTheNextIndex(Framework fw) throws Exception {
        String prefix = "replaced/" + fw + "/";
        try (Store store = Store.start()) {
            Map<String, String> settings = store.settings(prefix + "app-%i.log");
            Workload work;
            ByteArrayOutputStream kept = new ByteArrayOutputStream();
            try (LoggingApp app = fw.start("OSS", settings)) {
                work = new Workload(app, "a", 4);
                work.log(500);
                String first = prefix + "app-0.log";
                await().atMost(Duration.ofSeconds(10)).until(() -> LineCheck.of(store.bytes(first), work.expected())
                        .present == work.total());
                // What the first object held is gone once it is overwritten: keep it for the check.
                kept.write(store.emu().objectBytes(Store.BUCKET, first));
                store.emu().putObject(Store.BUCKET, first, "replaced by a normal object\n".getBytes(StandardCharsets.UTF_8));
                work.log(1000);
                app.stop();
                assertTrue(!app.containing("ObjectNotAppendable").isEmpty() || !app.containing("not Appendable").isEmpty(),
                        app.statuses().toString());
            }
            assertEquals(List.of(prefix + "app-0.log", prefix + "app-1.log"), store.keys(prefix));
            kept.write(store.emu().objectBytes(Store.BUCKET, prefix + "app-1.log"));
            LineCheck check = LineCheck.of(kept.toByteArray(), work.expected());
            assertTrue(check.perfect(), check.toString());
            assertEquals(6000, check.present);
        }
    }

    @ParameterizedTest
    @EnumSource(Framework.class)
    void theStoresMaximumObjectSizeRollsOverAndLosesNothing(Framework fw) throws Exception {
        String prefix = "max-size/" + fw + "/";
        try (Store store = Store.start(b -> b.maxObjectBytes(64 * 1024))) {
            Map<String, String> settings = store.settings(prefix + "app-%i.log");
            settings.put("maxBatchBytes", "8 KB");
            Workload work;
            try (LoggingApp app = fw.start("OSS", settings)) {
                work = new Workload(app, "a", 4);
                work.log(1500);
                app.stop();
                assertEquals(0, app.reportedDrops() + app.reportedUnflushed());
                assertTrue(!app.containing("EntityTooLarge").isEmpty(), "the store's limit was hit");
            }
            LineCheck check = assertRolledOverIntact(store, prefix, work, 5, 64 * 1024);
            assertEquals(6000, check.present);
        }
    }

    @ParameterizedTest
    @EnumSource(Framework.class)
    void theConfiguredMaximumObjectSizeRollsOverBeforeTheStoreRefuses(Framework fw) throws Exception {
        String prefix = "max-configured/" + fw + "/";
        try (Store store = Store.start()) {
            Map<String, String> settings = store.settings(prefix + "app-%i.log");
            settings.put("maxBatchBytes", "8 KB");
            settings.put("maxObjectBytes", "48 KB");
            Workload work;
            try (LoggingApp app = fw.start("OSS", settings)) {
                work = new Workload(app, "a", 4);
                work.log(1500);
                app.stop();
                assertEquals(0, app.reportedDrops() + app.reportedUnflushed());
            }
            assertRolledOverIntact(store, prefix, work, 6, 48 * 1024);
        }
    }

    /**
     * Asserts the lines were spread over at least {@code minObjects} objects, none larger than
     * {@code maxObjectBytes}, and that together they hold every line once, whole and in order.
     */
    private static LineCheck assertRolledOverIntact(Store store, String prefix, Workload work, int minObjects,
            int maxObjectBytes) {
        List<String> keys = store.keys(prefix);
        assertTrue(keys.size() >= minObjects, "rolled over: " + keys);
        for (String key : keys) {
            assertTrue(store.emu().objectBytes(Store.BUCKET, key).length <= maxObjectBytes, key);
        }
        LineCheck check = LineCheck.of(store.bytes(prefix), work.expected());
        assertTrue(check.perfect(), check.toString());
        return check;
    }
}
