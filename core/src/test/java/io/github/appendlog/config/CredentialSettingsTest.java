package io.github.appendlog.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.credentials.CredentialsChain;
import io.github.appendlog.credentials.CredentialsProvider;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The credential settings: the endpoints are checked as URLs and reach the config; the chain gives the provider. */
class CredentialSettingsTest {

    /** A user's provider, as {@code credentialsProvider} names one. */
    public static final class FixedProvider implements CredentialsProvider {
        @Override
        public Credentials credentials() {
            return new Credentials("provider-id", "provider-secret");
        }
    }

    private static AppendlogConfig.Builder valid() {
        return AppendlogConfig.builder().environment(Collections.emptyMap()).name("OSS")
                .endpoint("http://127.0.0.1:9000").region("cn-hangzhou").bucket("logs").objectKey("app.log")
                .accessKeyId("id").accessKeySecret("secret");
    }

    @Test
    void unsetTheMetadataEndpointIsTheChainsDefaultAndStsIsLeftToTheChain() {
        AppendlogConfig config = valid().build();

        assertEquals(CredentialsChain.defaultEcsMetadataEndpoint(), config.get(Setting.ECS_METADATA_ENDPOINT));
        assertNull(config.get(Setting.STS_ENDPOINT));
        assertNull(config.get(Setting.CREDENTIALS_PROVIDER));
        assertEquals("id", config.credentialsProvider().credentials().accessKeyId());
    }

    @Test
    void endpointsAndTheProviderClassReachTheConfigAndItsToString() {
        AppendlogConfig config = valid().accessKeyId(null).accessKeySecret(null)
                .ecsMetadataEndpoint("http://127.0.0.1:8100").stsEndpoint("https://127.0.0.1:8443/sts")
                .credentialsProvider(FixedProvider.class.getName()).build();

        assertEquals("http://127.0.0.1:8100", config.get(Setting.ECS_METADATA_ENDPOINT));
        assertEquals("https://127.0.0.1:8443/sts", config.get(Setting.STS_ENDPOINT));
        assertEquals(FixedProvider.class.getName(), config.get(Setting.CREDENTIALS_PROVIDER));
        assertEquals("provider-id", config.credentials().accessKeyId());
        assertTrue(config.toString().contains("ecsMetadataEndpoint=http://127.0.0.1:8100"), config.toString());
        assertTrue(config.toString().contains("stsEndpoint=https://127.0.0.1:8443/sts"), config.toString());
    }

    @Test
    void endpointsThatAreNotHttpUrlsWithAHostAreConfigurationErrorsReportedWithTheOthers() {
        InvalidConfigException e = assertThrows(InvalidConfigException.class, () -> valid().bucket(null)
                .ecsMetadataEndpoint("100.100.100.200").stsEndpoint("ftp://sts.example.com").build());
        assertEquals(List.of("bucket: is required",
                "ecsMetadataEndpoint: '100.100.100.200' must start with http:// or https:// (e.g. http://100.100.100.200)",
                "stsEndpoint: 'ftp://sts.example.com' must start with http:// or https://"
                        + " (e.g. https://sts-vpc.cn-hangzhou.aliyuncs.com)"), e.problems());

        e = assertThrows(InvalidConfigException.class, () -> valid().stsEndpoint("http:///path").build());
        assertEquals(List.of("stsEndpoint: 'http:///path' has no host name (e.g. https://sts-vpc.cn-hangzhou.aliyuncs.com)"),
                e.problems());
        e = assertThrows(InvalidConfigException.class, () -> valid().ecsMetadataEndpoint("http://bad host").build());
        assertTrue(e.problems().get(0).startsWith("ecsMetadataEndpoint: 'http://bad host' is not a URL ("),
                e.problems().toString());
    }
}
