package io.github.appendlog.credentials;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * Under the test build (the parent pom's surefire and failsafe system properties), the defaults of
 * the instance-metadata endpoint and of STS are loopback addresses, so no test can reach the real
 * 100.100.100.200 or an STS host whatever the chain tries. Fails if the pom loses them.
 */
class LoopbackDefaultsTest {

    @Test
    void theMetadataServiceDefaultIsLoopback() throws Exception {
        assertLoopback(CredentialsChain.defaultEcsMetadataEndpoint(), CredentialsChain.ECS_METADATA_DEFAULT_PROPERTY);
    }

    @Test
    void theStsDefaultIsLoopback() throws Exception {
        assertLoopback(CredentialsChain.stsEndpointOverride(), CredentialsChain.STS_DEFAULT_PROPERTY);
    }

    private static void assertLoopback(String url, String property) throws Exception {
        assertNotNull(url, property + " is not set: the parent pom's surefire systemPropertyVariables must set it");
        String host = URI.create(url).getHost();
        assertNotNull(host, property + ": " + url + " names no host");
        for (InetAddress address : InetAddress.getAllByName(host)) {
            assertTrue(address.isLoopbackAddress(), property + ": " + url + " resolves to " + address
                    + ", not a loopback address");
        }
    }
}
