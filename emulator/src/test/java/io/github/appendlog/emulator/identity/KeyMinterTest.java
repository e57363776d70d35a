package io.github.appendlog.emulator.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.appendlog.credentials.Credentials;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyMinterTest {

    @Test
    void theExpiryIsRoundedUpToAWholeSecond() {
        Instant whole = Instant.parse("2026-01-02T03:04:05Z");
        assertEquals(Instant.parse("2026-01-02T03:04:08Z"), KeyMinter.expiry(whole, Duration.ofSeconds(3)));
        assertEquals(Instant.parse("2026-01-02T03:04:09Z"),
                KeyMinter.expiry(whole.plusMillis(1), Duration.ofSeconds(3)));
        assertEquals(Instant.parse("2026-01-02T03:04:09Z"),
                KeyMinter.expiry(whole.plusMillis(999), Duration.ofSeconds(3)));
        assertEquals(Instant.parse("2026-01-02T03:03:06Z"),
                KeyMinter.expiry(whole.plusMillis(500), Duration.ofSeconds(-60)), "an expired lifetime rounds up too");
        assertEquals("2026-01-02T03:04:09Z", KeyMinter.WIRE_TIME.format(KeyMinter.expiry(whole.plusNanos(1),
                Duration.ofSeconds(3))));
    }

    @Test
    void aZeroLifetimeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeyMinter.checkLifetime(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> KeyMinter.checkLifetime(null));
        assertEquals(Duration.ofSeconds(-1), KeyMinter.checkLifetime(Duration.ofSeconds(-1)));
    }

    @Test
    void mintedKeyPairsAreFreshTemporaryOnesAndRecorded() {
        KeyMinter minter = new KeyMinter(null);
        Credentials a = minter.mint(Duration.ofSeconds(5));
        Credentials b = minter.mint(Duration.ofSeconds(5));
        assertTrue(a.accessKeyId().matches("STS\\.[A-Za-z0-9]{24}"), a.accessKeyId());
        assertTrue(a.securityToken().startsWith("CAIS"));
        assertFalse(a.sameKeys(b));
        assertNotEquals(a.accessKeyId(), b.accessKeyId());
        assertEquals(List.of(a, b), minter.issued());
        assertFalse(a.toString().contains(a.accessKeySecret()) || a.toString().contains(a.securityToken()));
    }

    @Test
    void jsonEscapesQuotesBackslashesAndControlCharacters() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("b", "x\"y\\z\n");
        Map<String, Object> top = new LinkedHashMap<>();
        top.put("a", "1");
        top.put("n", nested);
        assertEquals("{\"a\":\"1\",\"n\":{\"b\":\"x\\\"y\\\\z\\u000a\"}}", Json.object(top));
    }
}
