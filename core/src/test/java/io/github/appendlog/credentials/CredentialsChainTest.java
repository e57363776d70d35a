package io.github.appendlog.credentials;

import static io.github.appendlog.credentials.StubServer.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.oss.BlackHoleServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsChainTest {
    static final String SECRET = "chain-secret-value";
    static final String TOKEN = "chain-token-value";

    @TempDir
    Path home;
    private StubServer metadata;
    private StubServer network;
    private final Map<String, String> env = new HashMap<>();
    private final List<URI> requested = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        metadata = new StubServer();
        metadata.on("PUT", "/latest/api/token", r -> reply(200, "imds-token"));
        network = new StubServer();
    }

    @AfterEach
    void stop() {
        metadata.close();
        network.close();
    }

    private CredentialsChain.Builder chain() {
        return CredentialsChain.builder().environment(env).home(home).ecsMetadataEndpoint(metadata.uri().toString())
                .stsEndpoint(network.uri().toString()).clock(EcsMetadataSourceTest.CLOCK)
                .http(new CredentialsHttp(requested::add));
    }

    private static CredentialsSource resolved(CredentialsChain.Builder chain) {
        List<String> problems = new ArrayList<>();
        CredentialsSource source = chain.build().resolve(problems);
        assertEquals(Collections.emptyList(), problems);
        assertNotNull(source);
        return source;
    }

    private static String problem(CredentialsChain.Builder chain) {
        List<String> problems = new ArrayList<>();
        assertNull(chain.build().resolve(problems));
        assertEquals(1, problems.size(), problems::toString);
        String p = problems.get(0);
        assertFalse(p.contains(SECRET) || p.contains(TOKEN), p);
        return p;
    }

    private Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachStepBeatsTheNext() throws IOException {
        CredentialsChain.Builder settings = chain().accessKeyId("LTAIsettings").accessKeySecret(SECRET);
        env.put("OSS_ACCESS_KEY_ID", "LTAIoss");
        env.put("OSS_ACCESS_KEY_SECRET", SECRET);
        env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIalibaba");
        env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET);
        env.put("ALIBABA_CLOUD_ROLE_ARN", "acs:ram::1:role/rrsa");
        env.put("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "acs:ram::1:oidc-provider/p");
        env.put("ALIBABA_CLOUD_OIDC_TOKEN_FILE", home.resolve("token").toString());
        env.put("ALIBABA_CLOUD_CREDENTIALS_URI", network.uri() + "/creds");
        Path oss = write(home.resolve(".oss").resolve("credentials"),
                "[default]\noss_access_key_id = LTAIfile\noss_secret_access_key = " + SECRET + "\n");
        Path cli = write(CliConfigFile.path(home), "{\"current\":\"p\",\"profiles\":[{\"name\":\"p\",\"mode\":\"AK\","
                + "\"access_key_id\":\"LTAIcli\",\"access_key_secret\":\"" + SECRET + "\"}]}");
        Path ini = write(CredentialsIniFile.path(new Environment(env), home), "[default]\ntype = access_key\n"
                + "access_key_id = LTAIini\naccess_key_secret = " + SECRET + "\n");

        assertEquals("settings accessKeyId", resolved(settings).describe());
        assertEquals("profile file " + oss, resolved(chain().credentialsFile(oss.toString())).describe(),
                "credentialsFile counts as a setting");
        assertEquals("environment OSS_ACCESS_KEY_ID", resolved(chain()).describe());
        env.remove("OSS_ACCESS_KEY_ID");
        env.remove("OSS_ACCESS_KEY_SECRET");
        assertEquals("environment ALIBABA_CLOUD_ACCESS_KEY_ID", resolved(chain()).describe());
        env.remove("ALIBABA_CLOUD_ACCESS_KEY_ID");
        env.remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET");
        assertEquals("RRSA/OIDC role acs:ram::1:role/rrsa", resolved(chain()).describe());
        env.remove("ALIBABA_CLOUD_OIDC_PROVIDER_ARN");
        env.remove("ALIBABA_CLOUD_OIDC_TOKEN_FILE");
        assertEquals("profile file " + oss, resolved(chain()).describe(), "ALIBABA_CLOUD_ROLE_ARN alone is no OIDC");
        Files.delete(oss);
        assertEquals("profile 'p' (AK) in " + cli, resolved(chain()).describe());
        assertEquals("[default] (access_key) in " + ini,
                resolved(chain().environment(withEntry("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true"))).describe());
        Files.delete(cli);
        assertEquals("[default] (access_key) in " + ini, resolved(chain()).describe());
        Files.delete(ini);
        assertEquals(List.of(), metadata.requests(), "nothing before ECS sends anything");
        CredentialsSource ecs = resolved(chain());
        assertInstanceOf(EcsMetadataSource.class, ecs);
        assertEquals(1, metadata.requests().size(), "one probe");
        assertEquals("PUT /latest/api/token", metadata.requests().get(0).method + " " + metadata.requests().get(0).path);
        CredentialsSource uri = resolved(chain().environment(withEntry("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")));
        assertEquals("credentials URI " + network.uri() + "/creds", uri.describe());
        metadata.close();
        assertEquals("credentials URI " + network.uri() + "/creds", resolved(chain()).describe(),
                "no metadata service: the URI is next");
        assertEquals(List.of(), network.requests(), "resolving never fetches from STS or the URI");
    }

    private Map<String, String> withEntry(String name, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(name, value);
        return copy;
    }

    @Test
    void noSourceShowsASecretOrTokenInItsDescriptionOrText() throws IOException {
        List<CredentialsSource> sources = new ArrayList<>();
        sources.add(resolved(chain().accessKeyId("LTAIx").accessKeySecret(SECRET).securityToken(TOKEN)));
        Map<String, String> keys = Map.of("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAIa", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET,
                "ALIBABA_CLOUD_SECURITY_TOKEN", TOKEN);
        sources.add(resolved(chain().environment(keys)));
        write(CliConfigFile.path(home), "{\"current\":\"r\",\"profiles\":[{\"name\":\"r\",\"mode\":\"RamRoleArn\","
                + "\"access_key_id\":\"LTAIc\",\"access_key_secret\":\"" + SECRET + "\",\"sts_token\":\"" + TOKEN
                + "\",\"ram_role_arn\":\"acs:ram::1:role/r\"}]}");
        sources.add(resolved(chain()));
        Files.delete(CliConfigFile.path(home));
        sources.add(resolved(chain().environment(Map.of("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true",
                "ALIBABA_CLOUD_CREDENTIALS_URI", network.uri() + "/c?token=" + TOKEN))));
        for (CredentialsSource source : sources) {
            for (String text : new String[] {source.describe(), source.toString()}) {
                assertFalse(text.contains(SECRET) || text.contains(TOKEN), text);
            }
        }
    }

    @Test
    void nothingFoundIsOneProblemListingWhatWasTried() throws IOException {
        metadata.close();
        String p = problem(chain());
        assertTrue(p.startsWith("no credentials: set accessKeyId and accessKeySecret (or credentialsFile, or "
                + "credentialsProvider), or OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET, or ALIBABA_CLOUD_ACCESS_KEY_ID"
                + " and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and"
                + " ALIBABA_CLOUD_OIDC_TOKEN_FILE, or write " + home.resolve(".oss/credentials") + ", "
                + home.resolve(".aliyun/config.json") + " or " + home.resolve(".alibabacloud/credentials.ini")
                + ", or set ALIBABA_CLOUD_CREDENTIALS_URI; "), p);
        assertTrue(p.endsWith("instance metadata at " + metadata.uri() + " did not answer"), p);
        env.put("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
        assertTrue(problem(chain()).endsWith("instance metadata is off (ALIBABA_CLOUD_ECS_METADATA_DISABLED=true)"));
    }

    @Test
    void halfConfiguredSourcesAreProblems() throws IOException {
        assertEquals("accessKeySecret: is required with accessKeyId", problem(chain().accessKeyId("LTAIx")));
        assertEquals("accessKeyId: is required with accessKeySecret", problem(chain().accessKeySecret(SECRET)));
        assertTrue(problem(chain().securityToken(TOKEN)).startsWith(
                "securityToken: is set without accessKeyId and accessKeySecret"));
        env.put("OSS_ACCESS_KEY_ID", "LTAIx");
        assertEquals("OSS_ACCESS_KEY_SECRET: is not set, but OSS_ACCESS_KEY_ID is; set both or neither",
                problem(chain()));
        env.clear();
        env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", SECRET);
        assertEquals("ALIBABA_CLOUD_ACCESS_KEY_ID: is not set, but ALIBABA_CLOUD_ACCESS_KEY_SECRET is; set both or "
                + "neither", problem(chain()));
        env.clear();
        env.put("OSS_SESSION_TOKEN", TOKEN);
        assertTrue(problem(chain()).startsWith("OSS_SESSION_TOKEN: is set without OSS_ACCESS_KEY_ID"));
        env.clear();
        env.put("ALIBABA_CLOUD_OIDC_TOKEN_FILE", "/var/run/token");
        assertEquals("ALIBABA_CLOUD_ROLE_ARN and ALIBABA_CLOUD_OIDC_PROVIDER_ARN: not set, but RRSA/OIDC needs "
                + "ALIBABA_CLOUD_ROLE_ARN, ALIBABA_CLOUD_OIDC_PROVIDER_ARN and ALIBABA_CLOUD_OIDC_TOKEN_FILE",
                problem(chain()));
        env.clear();
        assertTrue(problem(chain().accessKeyId(null).credentialsFile(home.resolve("missing").toString()))
                .startsWith("credentialsFile: credentials file " + home.resolve("missing") + " does not exist"));
        assertEquals(List.of(), metadata.requests(), "a problem stops the chain before the probe");
    }

    @Test
    void brokenProfileFilesAreProblemsNamingModeAndCycle() throws IOException {
        write(CliConfigFile.path(home), "{\"current\":\"sso\",\"profiles\":[{\"name\":\"sso\",\"mode\":\"CloudSSO\"}]}");
        assertTrue(problem(chain()).contains("profile 'sso' has mode 'CloudSSO', which appendlog does not support"));
        write(CliConfigFile.path(home), "{\"current\":\"a\",\"profiles\":[{\"name\":\"a\",\"mode\":\"ChainableRamRoleArn\","
                + "\"source_profile\":\"a\",\"ram_role_arn\":\"r\"}]}");
        assertTrue(problem(chain()).endsWith("the profiles a -> a form a cycle through source_profile"));
        Files.delete(CliConfigFile.path(home));
        env.put("ALIBABA_CLOUD_CREDENTIALS_FILE", home.resolve("absent.ini").toString());
        assertEquals("ALIBABA_CLOUD_CREDENTIALS_FILE: " + home.resolve("absent.ini") + " does not exist",
                problem(chain()));
        env.put("ALIBABA_CLOUD_CREDENTIALS_FILE", write(home.resolve("off.ini"), "[default]\nenable = false\n").toString());
        assertInstanceOf(EcsMetadataSource.class, resolved(chain()), "a disabled section is skipped");
    }

    @Test
    void badUrlsAreProblemsNamingTheirSetting() {
        assertTrue(problem(chain().ecsMetadataEndpoint("100.100.100.200")).startsWith("ecsMetadataEndpoint: "));
        env.put("ALIBABA_CLOUD_ROLE_ARN", "r");
        env.put("ALIBABA_CLOUD_OIDC_PROVIDER_ARN", "p");
        env.put("ALIBABA_CLOUD_OIDC_TOKEN_FILE", "/t");
        assertTrue(problem(chain().stsEndpoint("ftp://sts")).startsWith("stsEndpoint: "));
        env.clear();
        env.put("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true");
        env.put("ALIBABA_CLOUD_CREDENTIALS_URI", "file:///etc/creds?k=" + SECRET);
        assertTrue(problem(chain()).startsWith("ALIBABA_CLOUD_CREDENTIALS_URI: "));
    }

    /** A provider of the user's, as the credentialsProvider setting names it. */
    public static final class UserProvider implements CredentialsProvider {
        static volatile int invalidations;

        @Override
        public Credentials credentials() {
            return new Credentials("LTAIuser", SECRET);
        }

        @Override
        public void invalidate() {
            invalidations++;
        }
    }

    /** Throws in its constructor. */
    public static final class ThrowingProvider implements CredentialsProvider {
        public ThrowingProvider() {
            throw new IllegalStateException("no vault");
        }

        @Override
        public Credentials credentials() {
            return null;
        }
    }

    /** Has no no-arg constructor. */
    public static final class ArgumentProvider implements CredentialsProvider {
        public ArgumentProvider(String ignored) {
        }

        @Override
        public Credentials credentials() {
            return null;
        }
    }

    @Test
    void aCredentialsProviderIsBuiltAndWrapped() throws IOException {
        String name = UserProvider.class.getName();
        CredentialsSource source = resolved(chain().credentialsProvider(name));
        assertEquals("credentials provider " + name, source.describe());
        assertTrue(source.askEveryTime());
        assertEquals("LTAIuser", source.fetch().accessKeyId());
        int before = UserProvider.invalidations;
        source.invalidate();
        assertEquals(before + 1, UserProvider.invalidations);
        assertEquals("credentialsProvider: set it alone, without accessKeyId, accessKeySecret, securityToken or "
                + "credentialsFile", problem(chain().credentialsProvider(name).accessKeyId("x").accessKeySecret(SECRET)));
    }

    @Test
    void aProviderThatCannotBeBuiltIsAProblemNamingTheClass() {
        assertEquals("credentialsProvider: class com.example.Absent is not on the class path",
                problem(chain().credentialsProvider("com.example.Absent")));
        assertEquals("credentialsProvider: class java.lang.String does not implement "
                + "io.github.appendlog.credentials.CredentialsProvider", problem(chain().credentialsProvider("java.lang.String")));
        assertEquals("credentialsProvider: class " + ArgumentProvider.class.getName() + " has no public no-arg constructor",
                problem(chain().credentialsProvider(ArgumentProvider.class.getName())));
        assertEquals("credentialsProvider: class " + ThrowingProvider.class.getName() + " threw "
                + "java.lang.IllegalStateException (no vault) in its constructor",
                problem(chain().credentialsProvider(ThrowingProvider.class.getName())));
        assertEquals("credentialsProvider: class " + CredentialsProvider.class.getName() + " is abstract; name a "
                + "concrete class", problem(chain().credentialsProvider(CredentialsProvider.class.getName())));
    }

    @Test
    void theContextClassLoaderIsTriedFirst() throws Exception {
        ClassLoader saved = Thread.currentThread().getContextClassLoader();
        List<String> asked = new CopyOnWriteArrayList<>();
        Thread.currentThread().setContextClassLoader(new ClassLoader(null) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                asked.add(name);
                throw new ClassNotFoundException(name);
            }
        });
        try {
            assertEquals("LTAIuser", resolved(chain().credentialsProvider(UserProvider.class.getName())).fetch()
                    .accessKeyId(), "appendlog's own loader is the fall-back");
            assertEquals(List.of(UserProvider.class.getName()), asked);
        } finally {
            Thread.currentThread().setContextClassLoader(saved);
        }
    }

    @Test
    void aHostThatIsNotEcsCostsAtMostAboutOneSecond() throws IOException {
        try (BlackHoleServer blackHole = new BlackHoleServer()) {
            long started = System.nanoTime();
            String p = problem(chain().ecsMetadataEndpoint(blackHole.endpoint()));
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(p.endsWith("instance metadata at " + blackHole.endpoint() + " did not answer"), p);
            assertTrue(millis < 2_000, millis + " ms");
        }
        int closed = EcsMetadataSourceTest.closedPort();
        long started = System.nanoTime();
        problem(chain().ecsMetadataEndpoint("http://127.0.0.1:" + closed));
        assertTrue(System.nanoTime() - started < 1_000_000_000L, "a closed port answers at once");
    }

    @Test
    void withNothingConfiguredTheTestBuildReachesOnlyLoopback() throws IOException {
        String savedEcs = System.getProperty(CredentialsChain.ECS_METADATA_DEFAULT_PROPERTY);
        String savedSts = System.getProperty(CredentialsChain.STS_DEFAULT_PROPERTY);
        if (savedEcs == null) {
            System.setProperty(CredentialsChain.ECS_METADATA_DEFAULT_PROPERTY,
                    "http://127.0.0.1:" + EcsMetadataSourceTest.closedPort());
        }
        if (savedSts == null) {
            System.setProperty(CredentialsChain.STS_DEFAULT_PROPERTY, "http://127.0.0.1:9");
        }
        try {
            List<String> problems = new ArrayList<>();
            CredentialsSource source = CredentialsChain.builder().environment(Collections.emptyMap()).home(home)
                    .http(new CredentialsHttp(requested::add)).build().resolve(problems);
            assertNull(source);
            assertEquals(1, requested.size(), requested::toString);
            for (URI uri : requested) {
                assertTrue(InetAddress.getByName(uri.getHost()).isLoopbackAddress(), uri.toString());
            }
            assertTrue(problems.get(0).endsWith("instance metadata at "
                    + CredentialsHttp.safe(URI.create(CredentialsChain.defaultEcsMetadataEndpoint())) + " did not answer"),
                    problems.toString());
            assertTrue(InetAddress.getByName(URI.create(CredentialsChain.stsEndpointOverride()).getHost())
                    .isLoopbackAddress(), "a derived STS host would be replaced by loopback too");
        } finally {
            restore(CredentialsChain.ECS_METADATA_DEFAULT_PROPERTY, savedEcs);
            restore(CredentialsChain.STS_DEFAULT_PROPERTY, savedSts);
        }
    }

    private static void restore(String name, String value) {
        if (value == null) {
            System.clearProperty(name);
        } else {
            System.setProperty(name, value);
        }
    }

    @Test
    void theClientIsReleasedWhenNothingIsResolvedAndOwnedByTheSourceOtherwise() throws IOException {
        metadata.on("GET", "/latest/meta-data/ram/security-credentials/", r -> reply(200, "role"));
        metadata.on("GET", "/latest/meta-data/ram/security-credentials/role",
                r -> reply(200, EcsMetadataSourceTest.credentialsJson("Success", "2026-01-02T09:04:05Z")));
        CredentialsHttp http = new CredentialsHttp();
        CredentialsSource ecs = resolved(chain().http(http));
        assertTrue(http.holdsClient(), "the probe built the client, the source keeps it");
        assertEquals("STS.ecs-id", ecs.fetch().accessKeyId());
        ecs.close();
        assertFalse(http.holdsClient());
        assertEquals("STS.ecs-id", ecs.fetch().accessKeyId(), "a fetch after close builds a client again");
        ecs.close();
        CredentialsHttp probed = new CredentialsHttp();
        metadata.close();
        problem(chain().http(probed));
        assertFalse(probed.holdsClient(), "nothing resolved: the chain released the client itself");
    }
}
