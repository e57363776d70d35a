package io.github.appendlog.logback;

import io.github.appendlog.credentials.Credentials;
import io.github.appendlog.credentials.CredentialsProvider;

/** A user's provider as the {@code credentialsProvider} setting names one: public, with a no-arg constructor. */
public final class FixedTestCredentials implements CredentialsProvider {
    @Override
    public Credentials credentials() {
        return new Credentials("provider-id", "provider-secret");
    }
}
