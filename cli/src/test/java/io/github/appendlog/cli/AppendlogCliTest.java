package io.github.appendlog.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AppendlogCliTest {
    final CliFixture f;

    AppendlogCliTest() throws Exception {
        f = new CliFixture();
    }

    @AfterEach
    void close() throws Exception {
        f.close();
    }

    @Test
    void lsListsSizeTimeAndWhetherEachObjectIsAppendable() throws Exception {
        f.append("app/host-0.log", "one\ntwo\n");
        f.emulator.putObject("logs", "app/readme.txt", "hello".getBytes(StandardCharsets.UTF_8));
        f.emulator.putObject("logs", "other/x.log", "x".getBytes(StandardCharsets.UTF_8));
        CliFixture.Result r = f.run("ls", "oss://logs/app/");
        assertEquals(0, r.code, r.toString());
        String[] lines = r.out().split("\n");
        assertEquals(2, lines.length, r.out());
        assertTrue(lines[0].matches("\\s+8  \\d{4}-\\d\\d-\\d\\dT\\S+Z\\s+appendable\\s+oss://logs/app/host-0.log"), lines[0]);
        assertTrue(lines[1].matches("\\s+5  \\S+\\s+normal\\s+oss://logs/app/readme.txt"), lines[1]);
    }

    @Test
    void catPrintsAPlainObject() throws Exception {
        f.append("app/a.log", "first\n");
        f.append("app/a.log", "second\n");
        CliFixture.Result r = f.run("cat", "oss://logs/app/a.log");
        assertEquals(0, r.code, r.toString());
        assertEquals("first\nsecond\n", r.out());
    }

    @Test
    void catDecompressesAMultiMemberGzipObjectWhateverItsName() throws Exception {
        StringBuilder expected = new StringBuilder();
        for (int batch = 0; batch < 5; batch++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 100; i++) {
                text.append("batch ").append(batch).append(" line ").append(i).append('\n');
            }
            f.append("app/a.log", CliFixture.gzip(text.toString()));
            expected.append(text);
        }
        CliFixture.Result r = f.run("cat", "oss://logs/app/a.log");
        assertEquals(0, r.code, r.toString());
        assertEquals(expected.toString(), r.out());
    }

    @Test
    void aTruncatedGzipObjectIsAnError() throws Exception {
        byte[] member = CliFixture.gzip("complete\n");
        f.append("app/a.log.gz", member);
        f.append("app/a.log.gz", Arrays.copyOf(member, member.length - 3));
        CliFixture.Result r = f.run("cat", "oss://logs/app/a.log.gz");
        assertEquals(1, r.code, r.toString());
        assertTrue(r.out().startsWith("complete\n"), r.out()); // cat streams; the check comes at the trailer
        assertTrue(r.err().contains("oss://logs/app/a.log.gz") && r.err().contains("truncated"), r.err());
    }

    @Test
    void tailPrintsTheLastLinesOfALargePlainObject() throws Exception {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("line ").append(i).append('\n');
        }
        f.append("app/a.log", text.toString());
        CliFixture.Result r = f.run("tail", "-n", "3", "oss://logs/app/a.log");
        assertEquals(0, r.code, r.toString());
        assertEquals("line 19997\nline 19998\nline 19999\n", r.out());
        CliFixture.Result many = f.run("tail", "-n", "15000", "oss://logs/app/a.log");
        assertEquals(15000, many.out().split("\n").length);
        assertTrue(many.out().startsWith("line 5000\n"), many.out().substring(0, 20));
    }

    @Test
    void tailCountsALastLineWithoutNewline() throws Exception {
        f.append("app/a.log", "a\nb\nc");
        CliFixture.Result r = f.run("tail", "-n2", "oss://logs/app/a.log");
        assertEquals("b\nc", r.out());
    }

    @Test
    void tailOfAGzipObject() throws Exception {
        f.append("app/a.log.gz", CliFixture.gzip("1\n2\n3\n"));
        f.append("app/a.log.gz", CliFixture.gzip("4\n5\n"));
        CliFixture.Result r = f.run("tail", "-n", "4", "oss://logs/app/a.log.gz");
        assertEquals(0, r.code, r.toString());
        assertEquals("2\n3\n4\n5\n", r.out());
    }

    @Test
    void tailOfAPatternReadsTheNewestObjectOfTheCurrentPeriod() throws Exception {
        String day = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(java.time.ZoneOffset.UTC)
                .format(java.time.Instant.now());
        f.append("app/" + day + "/host-0.log", "old\n");
        f.append("app/" + day + "/host-1.log", "new\n");
        f.append("app/" + day + "/host-10x.log", "not of the pattern\n");
        CliFixture.Result r = f.run("tail", "oss://logs/app/%d{yyyy-MM-dd}/host-%i.log");
        assertEquals(0, r.code, r.toString());
        assertEquals("new\n", r.out());
    }

    @Test
    void theEndpointAndRegionMayComeFromOssEndpointAndOssRegion() throws Exception {
        f.append("a.log", "from the environment\n");
        CliFixture.Result r = new CliFixture.Result();
        r.code = new AppendlogCli(java.util.Map.of("OSS_ENDPOINT", f.emulator.endpoint(), "OSS_REGION",
                f.emulator.region(), "OSS_ACCESS_KEY_ID", "test-id", "OSS_ACCESS_KEY_SECRET", "test-secret"),
                java.time.Instant::now).execute(new String[] {"cat", "oss://logs/a.log"}, r.outStream, r.errStream);
        assertEquals(0, r.code, r.toString());
        assertEquals("from the environment\n", r.out());
    }

    @Test
    void aMissingObjectIsExitCode1() {
        CliFixture.Result r = f.run("cat", "oss://logs/app/nope.log");
        assertEquals(1, r.code, r.toString());
        assertEquals("", r.out());
        assertTrue(r.err().contains("oss://logs/app/nope.log: no such object"), r.err());
    }

    @Test
    void aMissingBucketIsExitCode1() {
        CliFixture.Result r = f.run("tail", "oss://nobucket/app/a.log");
        assertEquals(1, r.code, r.toString());
        assertTrue(r.err().contains("nobucket"), r.err());
    }

    @Test
    void refusedCredentialsAreExitCode1AndTheSecretIsNeverShown() {
        CliFixture.Result r = CliFixture.run(java.time.Instant::now, "--endpoint", f.emulator.endpoint(),
                "--region", f.emulator.region(), "--access-key-id", "test-id", "--access-key-secret",
                "wrong-secret-value", "ls", "oss://logs/");
        assertEquals(1, r.code, r.toString());
        assertTrue(r.err().contains("SignatureDoesNotMatch") && r.err().contains("test-id"), r.err());
        assertFalse(r.err().contains("wrong-secret-value"), r.err());
        CliFixture.Result unknown = CliFixture.run(java.time.Instant::now, "--endpoint", f.emulator.endpoint(),
                "--region", f.emulator.region(), "--access-key-id", "nobody", "--access-key-secret", "x",
                "cat", "oss://logs/a.log");
        assertEquals(1, unknown.code, unknown.toString());
        assertTrue(unknown.err().contains("InvalidAccessKeyId"), unknown.err());
    }

    @Test
    void anUnreachableEndpointIsExitCode1() {
        CliFixture.Result r = CliFixture.run(java.time.Instant::now, "--endpoint", "http://127.0.0.1:1",
                "--region", "cn-hangzhou", "--access-key-id", "id", "--access-key-secret", "s",
                "--connect-timeout", "2 seconds", "cat", "oss://logs/a.log");
        assertEquals(1, r.code, r.toString());
        assertTrue(r.err().contains("cannot read oss://logs/a.log from http://127.0.0.1:1"), r.err());
    }

    @Test
    void wrongCommandLinesAreExitCode2() {
        assertEquals(2, CliFixture.run(java.time.Instant::now).code);
        CliFixture.Result noEndpoint = CliFixture.run(java.time.Instant::now, "--access-key-id", "a",
                "--access-key-secret", "b", "cat", "oss://logs/a.log");
        assertEquals(2, noEndpoint.code);
        assertTrue(noEndpoint.err().contains("endpoint: is required (--endpoint or OSS_ENDPOINT)"), noEndpoint.err());
        CliFixture.Result badUrl = f.run("cat", "logs/a.log");
        assertEquals(2, badUrl.code);
        assertTrue(badUrl.err().contains("'logs/a.log' is not an oss://bucket/key URL"), badUrl.err());
        CliFixture.Result badOption = f.run("--colour", "red", "ls", "oss://logs/");
        assertEquals(2, badOption.code);
        assertTrue(badOption.err().contains("unknown option '--colour'"), badOption.err());
        CliFixture.Result badN = f.run("tail", "-n", "ten", "oss://logs/a.log");
        assertEquals(2, badN.code);
        assertTrue(badN.err().contains("-n takes a number"), badN.err());
        CliFixture.Result badPattern = f.run("tail", "oss://logs/a-%q.log");
        assertEquals(2, badPattern.code);
        assertTrue(badPattern.err().contains("'%q' is not known"), badPattern.err());
    }
}
