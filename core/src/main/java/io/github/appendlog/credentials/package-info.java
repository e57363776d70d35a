/**
 * Where the credentials requests are signed with come from. {@link
 * io.github.appendlog.credentials.CredentialsChain} finds the first
 * {@link io.github.appendlog.credentials.CredentialsSource} that applies, in the order the README's
 * "Credentials" section lists; {@link io.github.appendlog.credentials.RefreshingCredentials} holds what
 * it fetched and is the {@link io.github.appendlog.credentials.CredentialsProvider} the store client
 * signs with. {@link io.github.appendlog.credentials.CredentialsProvider} is also the interface a user
 * implements to plug in a source of their own.
 *
 * <p>Contract: nothing here runs on a logging thread; secrets and tokens never appear in
 * {@code toString()}, messages or exceptions; tests reach the network on loopback only.
 */
package io.github.appendlog.credentials;
