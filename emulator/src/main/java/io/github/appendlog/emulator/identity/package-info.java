/**
 * Fake cloud identity services for tests, each a small JDK HTTP server on 127.0.0.1 that hands out
 * temporary key pairs with a lifetime of the test's choosing and registers each with an
 * {@link io.github.appendlog.emulator.OssEmulator}, so the emulator accepts them until they expire
 * and then answers 403 {@code SecurityTokenExpired}:
 * {@link io.github.appendlog.emulator.identity.FakeInstanceMetadata} (ECS RAM role, IMDSv1/v2),
 * {@link io.github.appendlog.emulator.identity.FakeSts} ({@code AssumeRole},
 * {@code AssumeRoleWithOIDC}) and {@link io.github.appendlog.emulator.identity.FakeCredentialsUri}.
 * Each records its requests ({@link io.github.appendlog.emulator.identity.RecordedRequest}) and the
 * key pairs it issued, and can be made to fail or hang while running.
 */
package io.github.appendlog.emulator.identity;
