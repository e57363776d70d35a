package io.github.appendlog.samples.log4j2;

import io.github.appendlog.config.AppendlogConfig;
import io.github.appendlog.store.ObjectInfo;
import io.github.appendlog.oss.OssHttpClient;
import java.util.Map;

/** Reads the object back from a real store with core's HTTP client, using the same environment. */
final class RealStore {
    private RealStore() {
    }

    static Log4j2Sample.ObjectReader reader(Map<String, String> env, String objectKey) {
        for (String name : new String[] {"OSS_BUCKET", "OSS_ACCESS_KEY_ID", "OSS_ACCESS_KEY_SECRET"}) {
            if (Log4j2Sample.isBlank(env.get(name))) {
                throw new IllegalStateException(name + " must be set along with OSS_ENDPOINT");
            }
        }
        // The same settings log4j2.xml reads; credentials come from the environment.
        AppendlogConfig config = AppendlogConfig.builder().name("sample-reader").endpoint(env.get("OSS_ENDPOINT"))
                .region(env.get("OSS_REGION")).bucket(env.get("OSS_BUCKET")).objectKey(objectKey).build();
        return key -> {
            try (OssHttpClient client = OssHttpClient.create(config)) {
                ObjectInfo info = client.head(key);
                if (info == null) {
                    throw new IllegalStateException("no object " + key + " in " + client.describe());
                }
                return info.length() == 0 ? new byte[0] : client.getRange(key, 0, info.length() - 1);
            }
        };
    }
}
