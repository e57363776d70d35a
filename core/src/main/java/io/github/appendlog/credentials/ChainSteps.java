package io.github.appendlog.credentials;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The steps of {@link CredentialsChain#resolve}, in its order. Each step returns its source when it
 * applies, null when it does not, and throws {@link Problem} when it is half-configured or broken;
 * {@link #first()} returns the first source or, when none applies, throws a problem listing what
 * was tried.
 */
final class ChainSteps {
    static final String OSS_ID = "OSS_ACCESS_KEY_ID";
    static final String OSS_SECRET = "OSS_ACCESS_KEY_SECRET";
    static final String OSS_TOKEN = "OSS_SESSION_TOKEN";
    static final String ALIBABA_ID = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    static final String ALIBABA_SECRET = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    static final String ALIBABA_TOKEN = "ALIBABA_CLOUD_SECURITY_TOKEN";

    /** A configuration problem, its message ready for the user. */
    static final class Problem extends Exception {
        private static final long serialVersionUID = 1L;

        Problem(String message) {
            super(message, null, false, false);
        }
    }

    private final CredentialsChain.Builder settings;
    private final NetworkSources sources;
    private final Environment environment;
    private final Path home;

    ChainSteps(CredentialsChain.Builder settings, NetworkSources sources, Path home) {
        this.settings = settings;
        this.sources = sources;
        this.environment = sources.environment;
        this.home = home;
    }

    CredentialsSource first() throws Problem {
        CredentialsSource source = explicit();
        if (source == null) {
            source = keyPair(OSS_ID, OSS_SECRET, OSS_TOKEN);
        }
        if (source == null) {
            source = keyPair(ALIBABA_ID, ALIBABA_SECRET, ALIBABA_TOKEN);
        }
        if (source == null) {
            source = oidc();
        }
        if (source == null) {
            source = profileFiles();
        }
        String ecs = null;
        if (source == null) {
            if (environment.flag(EcsMetadataSource.DISABLED_VARIABLE)) {
                ecs = "instance metadata is off (" + EcsMetadataSource.DISABLED_VARIABLE + "=true)";
            } else {
                URI endpoint = ecsEndpoint();
                if (EcsMetadataSource.probe(endpoint, sources.http)) {
                    source = sources.ecs(null);
                } else {
                    ecs = "instance metadata at " + CredentialsHttp.safe(endpoint) + " did not answer";
                }
            }
        }
        if (source == null) {
            source = credentialsUri();
        }
        if (source == null) {
            throw new Problem("no credentials: set accessKeyId and accessKeySecret (or credentialsFile, or "
                    + "credentialsProvider), or " + OSS_ID + " and " + OSS_SECRET + ", or " + ALIBABA_ID + " and "
                    + ALIBABA_SECRET + ", or " + OidcRoleSource.ROLE_ARN_VARIABLE + ", "
                    + OidcRoleSource.PROVIDER_ARN_VARIABLE + " and " + OidcRoleSource.TOKEN_FILE_VARIABLE
                    + ", or write " + ossFile() + ", " + CliConfigFile.path(home) + " or "
                    + CredentialsIniFile.path(environment, home) + ", or set " + UriCredentialsSource.VARIABLE
                    + "; " + ecs);
        }
        return source;
    }

    /** Step 1: {@code credentialsProvider}, the key settings, {@code credentialsFile}. */
    private CredentialsSource explicit() throws Problem {
        String provider = CredentialsChain.text(settings.credentialsProvider);
        String id = CredentialsChain.text(settings.accessKeyId);
        String secret = CredentialsChain.text(settings.accessKeySecret);
        String token = CredentialsChain.text(settings.securityToken);
        String file = CredentialsChain.text(settings.credentialsFile);
        if (provider != null) {
            if (id != null || secret != null || token != null || file != null) {
                throw new Problem("credentialsProvider: set it alone, without accessKeyId, accessKeySecret, "
                        + "securityToken or credentialsFile");
            }
            try {
                return CredentialsSource.of(ProviderClass.instantiate(provider), "credentials provider " + provider);
            } catch (IllegalArgumentException e) {
                throw new Problem(e.getMessage());
            }
        }
        if (id != null || secret != null) {
            if (id == null || secret == null) {
                String missing = id == null ? "accessKeyId" : "accessKeySecret";
                throw new Problem(missing + ": is required with " + (id == null ? "accessKeySecret" : "accessKeyId"));
            }
            return CredentialsSource.of(new Credentials(id, secret, token), "settings accessKeyId");
        }
        if (token != null) {
            throw new Problem("securityToken: is set without accessKeyId and accessKeySecret; set them too"
                    + (file != null ? " (a credentialsFile carries its own oss_session_token)" : ""));
        }
        if (file != null) {
            try {
                Path path = Paths.get(file);
                return CredentialsSource.of(ProfileFileCredentials.load(path), "profile file " + path);
            } catch (IOException | java.nio.file.InvalidPathException e) {
                throw new Problem("credentialsFile: " + e.getMessage());
            }
        }
        return null;
    }

    /** Steps 2 and 3: a pair of variables, with an optional token. */
    private CredentialsSource keyPair(String idVariable, String secretVariable, String tokenVariable)
            throws Problem {
        String id = environment.get(idVariable);
        String secret = environment.get(secretVariable);
        String token = environment.get(tokenVariable);
        if (id == null && secret == null) {
            if (token != null) {
                throw new Problem(tokenVariable + ": is set without " + idVariable + " and " + secretVariable
                        + "; set them too, or unset it");
            }
            return null;
        }
        if (id == null || secret == null) {
            throw new Problem((id == null ? idVariable : secretVariable) + ": is not set, but "
                    + (id == null ? secretVariable : idVariable) + " is; set both or neither");
        }
        return CredentialsSource.of(new Credentials(id, secret, token), "environment " + idVariable);
    }

    /** Step 4: RRSA / OIDC from the three variables ACK's webhook sets. */
    private CredentialsSource oidc() throws Problem {
        String role = environment.get(OidcRoleSource.ROLE_ARN_VARIABLE);
        String provider = environment.get(OidcRoleSource.PROVIDER_ARN_VARIABLE);
        String file = environment.get(OidcRoleSource.TOKEN_FILE_VARIABLE);
        if (provider == null && file == null) {
            return null; // ALIBABA_CLOUD_ROLE_ARN alone is no OIDC configuration
        }
        if (role == null || provider == null || file == null) {
            StringBuilder missing = new StringBuilder();
            for (String[] v : new String[][] {{OidcRoleSource.ROLE_ARN_VARIABLE, role},
                {OidcRoleSource.PROVIDER_ARN_VARIABLE, provider}, {OidcRoleSource.TOKEN_FILE_VARIABLE, file}}) {
                if (v[1] == null) {
                    missing.append(missing.length() == 0 ? "" : " and ").append(v[0]);
                }
            }
            throw new Problem(missing + ": not set, but RRSA/OIDC needs " + OidcRoleSource.ROLE_ARN_VARIABLE + ", "
                    + OidcRoleSource.PROVIDER_ARN_VARIABLE + " and " + OidcRoleSource.TOKEN_FILE_VARIABLE);
        }
        try {
            return sources.oidc(sources.role(role, null, null, null, null), provider, Paths.get(file),
                    OidcRoleSource.TOKEN_FILE_VARIABLE, null, null);
        } catch (IllegalArgumentException e) {
            throw new Problem(e.getMessage());
        }
    }

    /** Step 5: {@code ~/.oss/credentials}, {@code ~/.aliyun/config.json}, {@code credentials.ini}. */
    private CredentialsSource profileFiles() throws Problem {
        Path oss = ossFile();
        if (Files.isRegularFile(oss)) {
            try {
                return CredentialsSource.of(ProfileFileCredentials.load(oss), "profile file " + oss);
            } catch (IOException e) {
                throw new Problem(e.getMessage());
            }
        }
        Path cli = CliConfigFile.path(home);
        if (!environment.flag(CliConfigFile.DISABLED_VARIABLE) && Files.isRegularFile(cli)) {
            try {
                return CliConfigFile.load(cli, sources);
            } catch (IOException e) {
                throw new Problem(e.getMessage());
            }
        }
        boolean named = environment.has(CredentialsIniFile.FILE_VARIABLE);
        try {
            Path ini = CredentialsIniFile.path(environment, home);
            if (named || Files.isRegularFile(ini)) {
                return CredentialsIniFile.load(ini, sources);
            }
        } catch (IOException | java.nio.file.InvalidPathException e) {
            throw new Problem((named ? CredentialsIniFile.FILE_VARIABLE + ": " : "") + e.getMessage());
        }
        return null;
    }

    /** Step 7: {@code ALIBABA_CLOUD_CREDENTIALS_URI}. */
    private CredentialsSource credentialsUri() throws Problem {
        String uri = environment.get(UriCredentialsSource.VARIABLE);
        if (uri == null) {
            return null;
        }
        try {
            return new UriCredentialsSource(UriCredentialsSource.parse(uri), sources.http, sources.clock);
        } catch (IllegalArgumentException e) {
            throw new Problem(e.getMessage());
        }
    }

    private URI ecsEndpoint() throws Problem {
        try {
            return sources.ecsEndpoint();
        } catch (IllegalArgumentException e) {
            throw new Problem(e.getMessage());
        }
    }

    private Path ossFile() {
        return home.resolve(".oss").resolve("credentials");
    }
}
