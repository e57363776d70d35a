package io.github.appendlog.emulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.AppendObjectRequest;
import com.aliyun.oss.model.AppendObjectResult;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PutObjectResult;
import io.github.appendlog.oss.Crc64;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Drives the emulator with the official OSS Java SDK (path style to http://127.0.0.1:PORT, chunked
 * bodies, the SDK's CRC-64 checks on) with V1 and V4 signing, and checks what the SDK sees.
 */
class SdkConformanceTest {
    private static final String BUCKET = "logs";
    private static final Logger SDK_LOG = Logger.getLogger("com.aliyun.oss");

    private final List<LogRecord> sdkLog = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public synchronized void publish(LogRecord record) {
            sdkLog.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private OssEmulator emu;

    @BeforeEach
    void start() {
        emu = OssEmulator.builder().bucket(BUCKET).credentials("sdk-id", "sdk-secret").start();
        SDK_LOG.addHandler(capture);
        SDK_LOG.setUseParentHandlers(false);
    }

    @AfterEach
    void stop() {
        SDK_LOG.removeHandler(capture);
        SDK_LOG.setUseParentHandlers(true);
        emu.close();
    }

    private OSS client(SignVersion version, String secret) {
        ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
        conf.setSignatureVersion(version);
        conf.setMaxErrorRetry(0);
        conf.setConnectionTimeout(5_000);
        conf.setSocketTimeout(10_000);
        conf.setCrcCheckEnabled(true);
        OSSClientBuilder.OSSClientBuilderImpl b = OSSClientBuilder.create().endpoint(emu.endpoint())
                .credentialsProvider(new DefaultCredentialProvider("sdk-id", secret)).clientConfiguration(conf);
        if (version == SignVersion.V4) {
            b.region(emu.region());
        }
        return b.build();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static AppendObjectRequest append(String key, long position, String data, Long initCrc) {
        AppendObjectRequest r = new AppendObjectRequest(BUCKET, key, new ByteArrayInputStream(bytes(data)));
        r.setPosition(position);
        if (initCrc != null) {
            r.setInitCRC(initCrc);
        }
        return r;
    }

    /** The SDK's WARNING-or-worse log lines, other than its report of each service error we provoked. */
    private List<String> unexpectedSdkWarnings(List<String> provokedCodes) {
        return sdkLog.stream().filter(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
                .map(r -> String.valueOf(r.getMessage()))
                .filter(m -> provokedCodes.stream().noneMatch(code -> m.startsWith("[Server]") && m.contains(code)))
                .collect(Collectors.toList());
    }

    @ParameterizedTest
    @EnumSource(value = SignVersion.class, names = {"V1", "V4"})
    void appendHeadGetListDeleteAsTheSdkSeesThem(SignVersion version) throws Exception {
        OSS oss = client(version, "sdk-secret");
        try {
            String key = "app/2024/app.log";
            AppendObjectResult first = oss.appendObject(append(key, 0, "hi oss,", null));
            assertEquals(7L, first.getNextPosition());
            assertEquals("15880966883091442063", Long.toUnsignedString(first.getServerCRC()));

            AppendObjectResult second = oss.appendObject(append(key, 7, "append object", first.getClientCRC()));
            assertEquals(20L, second.getNextPosition());
            assertEquals(2313496259928504459L, second.getServerCRC().longValue());

            ObjectMetadata head = oss.getObjectMetadata(BUCKET, key);
            assertEquals(20L, head.getContentLength());
            assertEquals("Appendable", head.getObjectType());
            assertEquals(2313496259928504459L, head.getServerCRC().longValue());
            assertEquals("20", String.valueOf(head.getRawMetadata().get("x-oss-next-append-position")));
            assertNotNull(head.getETag());
            assertNotNull(head.getLastModified());

            try (OSSObject whole = oss.getObject(BUCKET, key); InputStream in = whole.getObjectContent()) {
                assertArrayEquals(bytes("hi oss,append object"), in.readAllBytes());
                assertEquals("Appendable", whole.getObjectMetadata().getObjectType());
                assertEquals(2313496259928504459L, whole.getObjectMetadata().getServerCRC().longValue());
            }
            GetObjectRequest ranged = new GetObjectRequest(BUCKET, key);
            ranged.setRange(3, 9);
            try (OSSObject part = oss.getObject(ranged); InputStream in = part.getObjectContent()) {
                assertArrayEquals(bytes("oss,app"), in.readAllBytes());
            }

            PutObjectResult put = oss.putObject(BUCKET, "app/normal.txt", new ByteArrayInputStream(bytes("normal")));
            assertEquals(Crc64.compute(bytes("normal"), 0, 6), put.getServerCRC().longValue());
            assertEquals("Normal", oss.getObjectMetadata(BUCKET, "app/normal.txt").getObjectType());

            ListObjectsV2Result list = oss.listObjectsV2(new ListObjectsV2Request(BUCKET, "app/"));
            List<String> keys = list.getObjectSummaries().stream().map(OSSObjectSummary::getKey)
                    .collect(Collectors.toList());
            assertEquals(List.of("app/2024/app.log", "app/normal.txt"), keys);
            assertEquals(20L, list.getObjectSummaries().get(0).getSize());
            assertEquals("Appendable", list.getObjectSummaries().get(0).getType());
            assertEquals(2, list.getKeyCount());
            assertFalse(list.isTruncated());
            assertEquals(2, oss.listObjects(BUCKET, "app/").getObjectSummaries().size());

            String odd = "app/odd key+ü&.log";
            oss.appendObject(append(odd, 0, "x", null));
            ListObjectsV2Request encoded = new ListObjectsV2Request(BUCKET, "app/odd");
            encoded.setEncodingType("url");
            // with encoding-type=url the keys come back URL-encoded (the SDK leaves V2 keys as they are)
            List<String> encodedKeys = oss.listObjectsV2(encoded).getObjectSummaries().stream()
                    .map(OSSObjectSummary::getKey).collect(Collectors.toList());
            assertEquals(List.of("app/odd%20key%2B%C3%BC%26.log"), encodedKeys);
            assertEquals(odd, java.net.URLDecoder.decode(encodedKeys.get(0), StandardCharsets.UTF_8));
            assertEquals(List.of(odd), oss.listObjects(BUCKET, "app/odd").getObjectSummaries().stream()
                    .map(OSSObjectSummary::getKey).collect(Collectors.toList()));
            assertEquals(1L, oss.getObjectMetadata(BUCKET, odd).getContentLength());

            oss.deleteObject(BUCKET, key);
            assertFalse(oss.doesObjectExist(BUCKET, key));
            assertTrue(oss.doesObjectExist(BUCKET, "app/normal.txt"));
        } finally {
            oss.shutdown();
        }
        assertEquals(List.of(), unexpectedSdkWarnings(List.of()));
    }

    @ParameterizedTest
    @EnumSource(value = SignVersion.class, names = {"V1", "V4"})
    void appendErrorsReachTheSdkWithOssCodes(SignVersion version) {
        OSS oss = client(version, "sdk-secret");
        try {
            oss.appendObject(append("k", 0, "12345", null));
            OSSException mismatch = assertThrows(OSSException.class, () -> oss.appendObject(append("k", 2, "x", null)));
            assertEquals("PositionNotEqualToLength", mismatch.getErrorCode());
            assertEquals("0026-00000016", mismatch.getEC());
            assertNotNull(mismatch.getRequestId());

            oss.putObject(BUCKET, "normal", new ByteArrayInputStream(bytes("n")));
            OSSException notAppendable = assertThrows(OSSException.class,
                    () -> oss.appendObject(append("normal", 1, "x", null)));
            assertEquals("ObjectNotAppendable", notAppendable.getErrorCode());
            assertEquals("0026-00000017", notAppendable.getEC());

            OSSException noKey = assertThrows(OSSException.class, () -> oss.getObject(BUCKET, "absent"));
            assertEquals("NoSuchKey", noKey.getErrorCode());
        } finally {
            oss.shutdown();
        }
        assertEquals(List.of(), unexpectedSdkWarnings(List.of("PositionNotEqualToLength", "ObjectNotAppendable",
                "NoSuchKey")));
    }

    @ParameterizedTest
    @EnumSource(value = SignVersion.class, names = {"V1", "V4"})
    void aWrongSecretIsSignatureDoesNotMatch(SignVersion version) {
        OSS oss = client(version, "not-the-secret");
        try {
            OSSException e = assertThrows(OSSException.class, () -> oss.appendObject(append("k", 0, "x", null)));
            assertEquals("SignatureDoesNotMatch", e.getErrorCode());
            assertTrue(e.getRawResponseError().contains("<StringToSign>"), e.getRawResponseError());
            assertFalse(e.getRawResponseError().contains("sdk-secret"));
        } finally {
            oss.shutdown();
        }
        assertEquals(null, emu.objectBytes(BUCKET, "k"));
        assertEquals(List.of(), unexpectedSdkWarnings(List.of("SignatureDoesNotMatch")));
    }
}
