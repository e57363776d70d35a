package io.github.appendlog.cli;

/** An {@code oss://bucket/key} argument: the bucket, and the key, prefix or pattern after it (may be empty). */
final class OssUrl {
    private static final String SCHEME = "oss://";

    final String bucket;
    final String key;

    private OssUrl(String bucket, String key) {
        this.bucket = bucket;
        this.key = key;
    }

    /** @throws CliException (usage) when the text is not {@code oss://bucket[/key]} */
    static OssUrl parse(String text) throws CliException {
        if (text == null || !text.startsWith(SCHEME)) {
            throw CliException.usage("'" + text + "' is not an oss://bucket/key URL");
        }
        String rest = text.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw CliException.usage("'" + text + "' names no bucket (oss://bucket/key)");
        }
        return new OssUrl(bucket, key);
    }

    /** Where {@code objectKey} is, for messages. */
    String location(String objectKey) {
        return SCHEME + bucket + "/" + objectKey;
    }

    @Override
    public String toString() {
        return location(key);
    }
}
