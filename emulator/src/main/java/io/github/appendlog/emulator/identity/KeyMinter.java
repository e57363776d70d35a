package io.github.appendlog.emulator.identity;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.emulator.OssEmulator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Mints temporary key pairs ({@code STS.} id, secret, security token) and registers each with the
 * emulator, if one is given, under the same expiry it advertises. The wire format of
 * {@code Expiration} has whole seconds only, so the expiry is {@code now + lifetime} rounded
 * <em>up</em> to the next whole second: credentials are valid for at least the lifetime asked for
 * and less than one second more, and the emulator refuses them from exactly the advertised instant.
 */
final class KeyMinter {
    /** The {@code Expiration}/{@code LastUpdated} format: {@code yyyy-MM-ddTHH:mm:ssZ}, UTC. */
    static final DateTimeFormatter WIRE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final char[] ALPHANUMERIC =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final SecureRandom random = new SecureRandom();
    private final OssEmulator emulator;
    private final List<Credentials> issued = new CopyOnWriteArrayList<>();

    KeyMinter(OssEmulator emulator) {
        this.emulator = emulator;
    }

    /** Checks a lifetime setting: not zero (a negative one mints credentials that have expired). */
    static Duration checkLifetime(Duration lifetime) {
        if (lifetime == null || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive (or negative for credentials that have"
                    + " already expired): " + lifetime);
        }
        return lifetime;
    }

    /** The expiry advertised and enforced for credentials minted at {@code now}. */
    static Instant expiry(Instant now, Duration lifetime) {
        Instant exact = now.plus(lifetime);
        Instant whole = exact.truncatedTo(ChronoUnit.SECONDS);
        return whole.equals(exact) ? exact : whole.plusSeconds(1);
    }

    Credentials mint(Duration lifetime) {
        Credentials c = new Credentials("STS." + text(24), text(40), "CAIS" + text(120),
                expiry(Instant.now(), lifetime));
        if (emulator != null) {
            emulator.addCredentials(c);
        }
        issued.add(c);
        return c;
    }

    /** Every key pair minted so far, oldest first. */
    List<Credentials> issued() {
        return Collections.unmodifiableList(new ArrayList<>(issued));
    }

    String text(int length) {
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
        }
        return new String(c);
    }
}
