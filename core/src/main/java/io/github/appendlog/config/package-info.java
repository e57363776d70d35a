/**
 * Settings: each declared once in {@link io.github.appendlog.config.Setting} (name, type, default,
 * parser, range, description), collected by {@link io.github.appendlog.config.AppendlogConfig.Builder}
 * from the adapters' text values, checked all at once by {@code build()} (every problem named by its
 * setting in one {@link io.github.appendlog.config.InvalidConfigException}), and read by the pipeline
 * from the immutable {@link io.github.appendlog.config.AppendlogConfig}. Credentials are looked up
 * (settings, credentials file, environment) and the region inferred from a regional endpoint here.
 */
package io.github.appendlog.config;
