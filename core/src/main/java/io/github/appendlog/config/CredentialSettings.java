package io.github.appendlog.config;

import io.github.appendlog.credentials.CredentialsChain;
import io.github.appendlog.credentials.CredentialsSource;
import io.github.appendlog.credentials.RefreshingCredentials;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The credential settings of one configuration: checks the endpoint URLs ({@code ecsMetadataEndpoint},
 * {@code stsEndpoint}: http or https, with a host), puts the effective metadata endpoint into the
 * values when unset, and resolves the {@link CredentialsChain} into the provider the store client
 * signs with (not started: the pipeline starts it). With an endpoint URL wrong the chain is not
 * resolved at all, so nothing is probed at an address nobody meant. Each problem names its
 * setting, variable or file, never a secret.
 */
final class CredentialSettings {
    private CredentialSettings() {
    }

    /** The provider, or null after adding to {@code problems}. */
    static RefreshingCredentials resolve(SettingValues values, Map<String, String> environment, Path home,
            List<String> problems) {
        int before = problems.size();
        checkUrl(values, Setting.ECS_METADATA_ENDPOINT, problems);
        checkUrl(values, Setting.STS_ENDPOINT, problems);
        if (values.get(Setting.ECS_METADATA_ENDPOINT) == null) {
            values.put(Setting.ECS_METADATA_ENDPOINT, CredentialsChain.defaultEcsMetadataEndpoint());
        }
        if (problems.size() > before) {
            return null;
        }
        CredentialsSource source = CredentialsChain.builder()
                .accessKeyId(values.get(Setting.ACCESS_KEY_ID))
                .accessKeySecret(values.get(Setting.ACCESS_KEY_SECRET))
                .securityToken(values.get(Setting.SECURITY_TOKEN))
                .credentialsFile(values.get(Setting.CREDENTIALS_FILE))
                .credentialsProvider(values.get(Setting.CREDENTIALS_PROVIDER))
                .ecsMetadataEndpoint(values.get(Setting.ECS_METADATA_ENDPOINT))
                .stsEndpoint(values.get(Setting.STS_ENDPOINT))
                .proxy(values.get(Setting.PROXY))
                .environment(environment).home(home).build()
                .resolve(problems);
        return source == null ? null : new RefreshingCredentials(source);
    }

    private static void checkUrl(SettingValues values, Setting<String> setting, List<String> problems) {
        String text = values.get(setting);
        if (text == null) {
            return;
        }
        String problem = null;
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problem = "must start with http:// or https://";
            } else if (uri.getHost() == null) {
                problem = "has no host name";
            }
        } catch (Exception e) {
            problem = "is not a URL (" + e.getMessage() + ")";
        }
        if (problem != null) {
            problems.add(setting + ": '" + text + "' " + problem + " (e.g. " + example(setting) + ")");
        }
    }

    private static String example(Setting<String> setting) {
        return setting == Setting.STS_ENDPOINT ? "https://sts-vpc.cn-hangzhou.aliyuncs.com" : "http://100.100.100.200";
    }
}
