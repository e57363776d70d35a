package io.github.appendlog.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A fresh EC P-256 key and a self-signed certificate for {@code 127.0.0.1}, {@code ::1},
 * {@code localhost} and {@code *.localhost}, made at start. Only Bouncy Castle's certificate
 * builder is used; keys, signatures and TLS stay with the JDK's own providers.
 */
final class SelfSignedCertificate {
    private static final char[] KEY_PASSWORD = "appendlog-emulator".toCharArray();

    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private SelfSignedCertificate(KeyPair keyPair, X509Certificate certificate) {
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    static SelfSignedCertificate generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = new X500Name("CN=appendlog-emulator");
            long now = System.currentTimeMillis();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), new Date(now - 86_400_000L),
                    new Date(now + 10L * 365 * 86_400_000L), name, keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1"),
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.dNSName, "*.localhost"),
            }));
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
            return new SelfSignedCertificate(keys, cert);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot create the emulator's TLS certificate", e);
        }
    }

    X509Certificate certificate() {
        return certificate;
    }

    /** The server side: this key and certificate. */
    SSLContext serverContext() {
        try {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("emulator", keyPair.getPrivate(), KEY_PASSWORD, new Certificate[] {certificate});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, KEY_PASSWORD);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up the emulator's TLS", e);
        }
    }

    /** A client side that trusts this certificate only. */
    SSLContext clientContext() {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot set up a client TLS context", e);
        }
    }

    /** Writes a PKCS12 trust store holding the certificate, protected by {@code password}. */
    void writeTrustStore(Path file, char[] password) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            trustStore().store(out, password);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write the trust store " + file, e);
        }
    }

    private KeyStore trustStore() throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setCertificateEntry("appendlog-emulator", certificate);
        return ks;
    }
}
