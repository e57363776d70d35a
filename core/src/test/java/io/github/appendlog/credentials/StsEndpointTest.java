package io.github.appendlog.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StsEndpointTest {
    private String savedOverride;

    @BeforeEach
    void clearOverride() {
        savedOverride = System.getProperty(CredentialsChain.STS_DEFAULT_PROPERTY);
        System.clearProperty(CredentialsChain.STS_DEFAULT_PROPERTY);
    }

    @AfterEach
    void restoreOverride() {
        if (savedOverride != null) {
            System.setProperty(CredentialsChain.STS_DEFAULT_PROPERTY, savedOverride);
        }
    }

    private static Environment env(String... pairs) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return new Environment(map);
    }

    @Test
    void derivesTheHostFromTheRegionAndTheVpcFlag() {
        assertEquals(URI.create("https://sts.aliyuncs.com"), StsEndpoint.resolve(null, env(), null, null));
        assertEquals(URI.create("https://sts.aliyuncs.com"),
                StsEndpoint.resolve(null, env("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED", "true"), null, null),
                "without a region the VPC flag is ignored");
        assertEquals(URI.create("https://sts.cn-hangzhou.aliyuncs.com"),
                StsEndpoint.resolve(null, env("ALIBABA_CLOUD_STS_REGION", "cn-hangzhou"), null, null));
        assertEquals(URI.create("https://sts-vpc.cn-hangzhou.aliyuncs.com"), StsEndpoint.resolve(null,
                env("ALIBABA_CLOUD_STS_REGION", "cn-hangzhou", "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED", "TRUE"), null, null));
        assertEquals(URI.create("https://sts.cn-hangzhou.aliyuncs.com"), StsEndpoint.resolve(null,
                env("ALIBABA_CLOUD_STS_REGION", "cn-hangzhou", "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED", "yes"), null, null),
                "only true counts");
        assertEquals(URI.create("https://sts-vpc.cn-beijing.aliyuncs.com"), StsEndpoint.resolve(null,
                env("ALIBABA_CLOUD_STS_REGION", "cn-hangzhou"), "cn-beijing", true), "a profile's region and flag win");
    }

    @Test
    void theSettingThenTheVariableThenTheOverrideWin() {
        Environment all = env("ALIBABA_CLOUD_STS_ENDPOINT", "sts.cn-shanghai.aliyuncs.com",
                "ALIBABA_CLOUD_STS_REGION", "cn-hangzhou");
        assertEquals(URI.create("http://127.0.0.1:8080/sts"), StsEndpoint.resolve("http://127.0.0.1:8080/sts/", all,
                null, null));
        assertEquals(URI.create("https://sts.cn-shanghai.aliyuncs.com"), StsEndpoint.resolve(null, all, null, null),
                "a host alone gets https");
        assertEquals(URI.create("http://127.0.0.1:1"), StsEndpoint.resolve(null,
                env("ALIBABA_CLOUD_STS_ENDPOINT", "http://127.0.0.1:1"), null, null));
        System.setProperty(CredentialsChain.STS_DEFAULT_PROPERTY, "http://127.0.0.1:9");
        assertEquals(URI.create("http://127.0.0.1:9"),
                StsEndpoint.resolve(null, env("ALIBABA_CLOUD_STS_REGION", "cn-hangzhou"), "cn-beijing", true),
                "the test build's override replaces every derived host");
        assertEquals(URI.create("https://sts.cn-shanghai.aliyuncs.com"), StsEndpoint.resolve(null, all, null, null));
    }

    @Test
    void aBadValueNamesItsOrigin() {
        IllegalArgumentException noScheme = assertThrows(IllegalArgumentException.class,
                () -> StsEndpoint.resolve("sts.aliyuncs.com", env(), null, null));
        assertTrue(noScheme.getMessage().startsWith("stsEndpoint: 'sts.aliyuncs.com' is not an http(s) URL with a host"),
                noScheme.getMessage());
        IllegalArgumentException variable = assertThrows(IllegalArgumentException.class,
                () -> StsEndpoint.resolve(null, env("ALIBABA_CLOUD_STS_ENDPOINT", "ftp://x"), null, null));
        assertTrue(variable.getMessage().startsWith("ALIBABA_CLOUD_STS_ENDPOINT: "), variable.getMessage());
        IllegalArgumentException query = assertThrows(IllegalArgumentException.class,
                () -> StsEndpoint.resolve("https://h/?x=secret", env(), null, null));
        assertEquals("stsEndpoint: 'https://h/...' must not carry user info, a query or a fragment", query.getMessage());
        assertEquals(URI.create("https://sts.aliyuncs.com"), StsEndpoint.resolve("  ", new Environment(Collections.emptyMap()),
                null, null), "a blank setting counts as unset");
    }
}
