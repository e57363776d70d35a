package io.github.appendlog.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.buffer.EventBuffer;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class DerivedDefaultsTest {
    private static final long KIB = AppendlogConfig.KIB;
    private static final long MIB = AppendlogConfig.MIB;

    private static AppendlogConfig.Builder valid() {
        return AppendlogConfig.builder().environment(Collections.emptyMap()).name("OSS")
                .endpoint("http://127.0.0.1:9000").region("cn-hangzhou").bucket("logs")
                .objectKey("app/%d{yyyy-MM-dd}/host-%i.log").accessKeyId("id").accessKeySecret("secret");
    }

    @Test
    void aSmallBatchAloneLowersTheEventDefaultAndSaysSo() {
        AppendlogConfig config = valid().maxBatchBytes("32KB").build();
        assertEquals(32 * KIB, config.maxBatchBytes());
        assertEquals(32 * KIB, config.maxEventBytes());
        assertEquals(32 * MIB, config.maxBufferBytes());
        assertEquals(1, config.notes().size(), config.notes().toString());
        String note = config.notes().get(0);
        assertTrue(note.startsWith("maxEventBytes: 32768 bytes instead of the default 1 MB")
                && note.contains("maxBatchBytes 32768"), note);
    }

    @Test
    void theDefaultsNeedNoNote() {
        assertEquals(Collections.emptyList(), valid().build().notes());
        assertEquals(Collections.emptyList(), valid().maxBatchBytes("4 MB").maxEventBytes("1 MB").build().notes());
    }

    @Test
    void aSmallBufferAloneLowersTheBatchAndTheEvent() {
        AppendlogConfig config = valid().maxBufferBytes("1 MB").build();
        assertEquals(MIB, config.maxBatchBytes());
        assertTrue(EventBuffer.roomOf(config.maxEventBytes()) <= MIB, "the event's room fits the buffer");
        assertTrue(EventBuffer.roomOf(config.maxEventBytes() + 16) > MIB, "the largest event that fits");
        assertEquals(2, config.notes().size(), config.notes().toString());
        assertTrue(config.notes().get(1).contains("maxBufferBytes 1048576"), config.notes().toString());
    }

    @Test
    void largeEventsOrBatchesAloneRaiseTheirContainers() {
        AppendlogConfig events = valid().maxEventBytes("8 MB").build();
        assertEquals(8 * MIB, events.maxBatchBytes());
        assertEquals(32 * MIB, events.maxBufferBytes());
        AppendlogConfig huge = valid().maxEventBytes("64 MB").build();
        assertEquals(EventBuffer.roomOf(64 * MIB), huge.maxBufferBytes());
        AppendlogConfig batches = valid().maxBatchBytes("64 MB").build();
        assertEquals(64 * MIB, batches.maxBufferBytes());
        assertEquals(MIB, batches.maxEventBytes());
    }

    @Test
    void aSmallObjectLowersTheBatch() {
        assertEquals(64 * KIB, valid().maxObjectBytes("64 KB").build().maxBatchBytes());
    }

    @Test
    void retryDelaysFollowEachOther() {
        AppendlogConfig shortMax = valid().retryMaxDelay("50 ms").build();
        assertEquals(Duration.ofMillis(50), shortMax.retryBaseDelay());
        assertTrue(shortMax.notes().get(0).startsWith("retryBaseDelay: 50 ms instead of the default 200 ms"),
                shortMax.notes().toString());
        assertEquals(Duration.ofMinutes(1), valid().retryBaseDelay("1 minute").build().retryMaxDelay());
    }

    @Test
    void twoExplicitSettingsThatDisagreeAreAnError() {
        String message = assertThrows(InvalidConfigException.class,
                valid().maxBatchBytes("32 KB").maxEventBytes("1 MB")::build).getMessage();
        assertTrue(message.contains("maxEventBytes: 1048576 is larger than maxBatchBytes 32768"), message);
        assertThrows(InvalidConfigException.class, valid().retryBaseDelay("1 s").retryMaxDelay("100 ms")::build);
    }

    @Test
    void anOutOfRangeSettingMovesNoDefault() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, valid().maxBufferBytes("10")::build);
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("maxBufferBytes"), e.getMessage());
    }

    @Test
    void aSettingSetBackToBlankIsADefaultAgain() {
        AppendlogConfig config = valid().maxEventBytes("2 MB").maxEventBytes("").maxBatchBytes("32 KB").build();
        assertEquals(32 * KIB, config.maxEventBytes());
    }

    @Test
    void theLargestEventFittingIsExact() {
        for (long buffer : new long[] {64, 1000, KIB, MIB, 32 * MIB + 7}) {
            long event = DerivedDefaults.largestEventFitting(buffer);
            assertTrue(EventBuffer.roomOf(event) <= buffer && EventBuffer.roomOf(event + 1) > buffer, "buffer " + buffer);
        }
    }

    @Test
    void gzipMakesTheContentTypeApplicationGzipUnlessTheUserSetOne() {
        AppendlogConfig gzip = valid().compression("gzip").build();
        assertEquals(Compression.GZIP, gzip.compression());
        assertEquals("application/gzip", gzip.contentType());
        assertEquals(Collections.singletonList("contentType: application/gzip instead of the default "
                + "text/plain; charset=utf-8, to agree with compression gzip"), gzip.notes());
        AppendlogConfig own = valid().compression("GZIP").contentType("application/x-gzip").build();
        assertEquals("application/x-gzip", own.contentType());
        assertEquals(Collections.emptyList(), own.notes());
        assertEquals("text/plain; charset=utf-8", valid().compression("none").build().contentType());
    }

    @Test
    void compressionAndItsLevelAreCheckedByName() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                () -> valid().compression("zstd").compressionLevel("10").build());
        assertTrue(e.getMessage().contains("compression: 'zstd' is not none or gzip"), e.getMessage());
        assertTrue(e.getMessage().contains("compressionLevel: 10 is out of range [1, 9]"), e.getMessage());
        assertEquals(Compression.NONE, valid().build().compression());
        assertEquals(1, valid().build().compressionLevel());
        assertEquals(6, valid().compressionLevel(6).build().compressionLevel());
    }
    @Test
    void withGzipTheObjectMustHoldTheLargestMemberABatchCanBecome() {
        // Incompressible text grows in gzip: a 1 MB batch's member may not fit a 1 MB object, and every
        // rollover would meet the same limit.
        long member = Compression.GZIP.maxStoredBytes(MIB);
        assertTrue(member > MIB, member + " bytes");
        InvalidConfigException e = assertThrows(InvalidConfigException.class,
                valid().compression("gzip").maxBatchBytes("1 MB").maxObjectBytes("1 MB")::build);
        assertEquals(1, e.problems().size(), e.getMessage());
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith("maxObjectBytes: 1048576 is smaller than the largest gzip member a maxBatchBytes "
                + "1048576 batch can become (" + member + " bytes"), problem);
        assertTrue(problem.contains("raise maxObjectBytes to " + member + " or lower maxBatchBytes to "
                + Compression.GZIP.largestTextWithin(MIB)), problem);
        assertEquals(member, valid().compression("gzip").maxBatchBytes("1 MB").maxObjectBytes(Long.toString(member))
                .build().maxObjectBytes());
        assertEquals(MIB, valid().maxBatchBytes("1 MB").maxObjectBytes("1 MB").build().maxObjectBytes(),
                "without compression a batch is stored as it is");
    }

    @Test
    void withGzipASmallObjectAloneLowersTheBatchToWhatFitsAsAMember() {
        AppendlogConfig config = valid().compression("gzip").maxObjectBytes("64 KB").build();
        long batch = config.maxBatchBytes();
        assertTrue(Compression.GZIP.maxStoredBytes(batch) <= 64 * KIB
                && Compression.GZIP.maxStoredBytes(batch + 1) > 64 * KIB, batch + " bytes");
        assertTrue(config.notes().get(0).startsWith("maxBatchBytes: " + batch + " bytes instead of the default 4 MB")
                && config.notes().get(0).contains("maxObjectBytes 65536"), config.notes().toString());
        assertEquals(64 * KIB, valid().compression("gzip").maxBatchBytes("64 KB").build().maxBatchBytes());
    }

    @Test
    void theStoredBoundAndItsInverseAgree() {
        for (long text : new long[] {0, 1, 16383, 16384, MIB, AppendlogConfig.GIB}) {
            assertEquals(text, Compression.NONE.maxStoredBytes(text));
            long stored = Compression.GZIP.maxStoredBytes(text);
            assertTrue(stored >= text + 20, text + ": " + stored);
            assertEquals(text, Compression.GZIP.largestTextWithin(stored), "text " + text);
        }
        assertEquals(MIB, Compression.NONE.largestTextWithin(MIB));
    }
}
