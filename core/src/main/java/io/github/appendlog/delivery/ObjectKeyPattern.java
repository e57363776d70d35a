package io.github.appendlog.delivery;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object key pattern, e.g. {@code logs/app/%d{yyyy-MM-dd}/host-1-%i.log}.
 *
 * <ul>
 *   <li>{@code %d{pattern}}: the time formatted with a {@link DateTimeFormatter} pattern, in UTC;
 *       {@code %d{pattern, zone}} (Logback's form) or {@code %d{pattern}{zone}} (Log4j2's) names
 *       another zone ({@code %d{yyyy-MM-dd, Asia/Shanghai}}, {@code %d{yyyy-MM-dd}{GMT+8}});
 *       {@code %d} alone means {@code %d{yyyy-MM-dd}}. The date tokens together make the
 *       <em>period</em>: when it changes, logs go to a new object.
 *   <li>{@code %i}: the object index, from 0, which grows when an object is full or cannot be
 *       appended to. A pattern without {@code %i} still rolls over: index {@code n > 0} is
 *       inserted as {@code .n} before the extension of the last path segment
 *       ({@code app.log}, {@code app.1.log}, {@code app.2.log}).
 *   <li>{@code %%}: a literal {@code %}.
 * </ul>
 * Any other conversion or option ({@code %i{x}}, a third {@code {...}} after {@code %d}) is an
 * error, never text of the key.
 *
 * <p>The writer resolves keys with it; a reader ({@code appendlog tail -f}) uses the same methods to
 * find the object that follows one: the next index of a period, or the first object of the next period.
 */
public final class ObjectKeyPattern {
    private static final String DEFAULT_DATE = "yyyy-MM-dd";

    private final String pattern;
    private final List<Object> parts; // String literal, DateTimeFormatter, or INDEX
    private final boolean hasIndex;
    private final boolean hasDate;
    private static final Object INDEX = new Object();

    private ObjectKeyPattern(String pattern, List<Object> parts) {
        this.pattern = pattern;
        this.parts = Collections.unmodifiableList(parts);
        this.hasIndex = parts.contains(INDEX);
        this.hasDate = parts.stream().anyMatch(p -> p instanceof DateTimeFormatter);
    }

    /**
     * Parses and checks a pattern.
     *
     * @throws IllegalArgumentException saying what is wrong, e.g. an unknown date pattern letter
     */
    public static ObjectKeyPattern parse(String pattern) {
        if (pattern == null || pattern.trim().isEmpty()) {
            throw new IllegalArgumentException("the object key pattern is empty");
        }
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 >= pattern.length()) {
                throw problem(pattern, "ends with a lone '%' (write %% for a literal '%')");
            }
            char conversion = pattern.charAt(i + 1);
            i += 2;
            if (conversion == '%') {
                literal.append('%');
                continue;
            }
            flush(literal, parts);
            List<String> options = new ArrayList<>();
            while (i < pattern.length() && pattern.charAt(i) == '{') {
                int close = pattern.indexOf('}', i);
                if (close < 0) {
                    throw problem(pattern, "'%" + conversion + "{' has no closing '}'");
                }
                options.add(pattern.substring(i + 1, close));
                i = close + 1;
            }
            if (conversion == 'i' && options.isEmpty()) {
                parts.add(INDEX);
            } else if (conversion == 'i') {
                throw problem(pattern, "'%i' takes no option, but has {" + options.get(0) + "}");
            } else if (conversion == 'd' && options.size() > 2) {
                throw problem(pattern, "'%d' takes at most {date pattern}{time zone}, but has {" + options.get(2) + "} too");
            } else if (conversion == 'd' && options.size() == 2) {
                parts.add(dateFormatter(pattern, options.get(0), zone(pattern, options.get(1), options.get(1))));
            } else if (conversion == 'd') {
                parts.add(logbackDateFormatter(pattern, options.isEmpty() ? DEFAULT_DATE : options.get(0)));
            } else {
                throw problem(pattern, "'%" + conversion + "' is not known (use %d{date pattern}, %i or %%)");
            }
        }
        flush(literal, parts);
        return new ObjectKeyPattern(pattern, parts);
    }

    private static void flush(StringBuilder literal, List<Object> parts) {
        if (literal.length() > 0) {
            parts.add(literal.toString());
            literal.setLength(0);
        }
    }

    /** Logback's form: {@code pattern} or {@code pattern, zone} (the last comma separates the zone). */
    private static DateTimeFormatter logbackDateFormatter(String pattern, String option) {
        int comma = option.lastIndexOf(',');
        if (comma < 0) {
            return dateFormatter(pattern, option, ZoneOffset.UTC);
        }
        return dateFormatter(pattern, option.substring(0, comma), zone(pattern, option.substring(comma + 1), option));
    }

    private static ZoneId zone(String pattern, String zoneText, String option) {
        try {
            return ZoneId.of(zoneText.trim());
        } catch (DateTimeException e) {
            throw problem(pattern, "'" + zoneText.trim() + "' in %d{" + option + "} is not a time zone (e.g. UTC, Asia/Shanghai, +08:00)");
        }
    }

    private static DateTimeFormatter dateFormatter(String pattern, String option, ZoneId zone) {
        String datePattern = option.trim().isEmpty() ? DEFAULT_DATE : option.trim();
        try {
            DateTimeFormatter formatter = DateTimeFormatter.ofPattern(datePattern, Locale.ROOT).withZone(zone);
            formatter.format(Instant.EPOCH); // some patterns only fail when used
            return formatter;
        } catch (IllegalArgumentException | DateTimeException e) {
            throw problem(pattern, "%d{" + option + "} is not a valid date pattern (" + e.getMessage() + ")");
        }
    }

    private static IllegalArgumentException problem(String pattern, String what) {
        return new IllegalArgumentException("'" + pattern + "': " + what);
    }

    /** The formatted date tokens at {@code time}; a change means a new object. Empty without dates. */
    public String period(Instant time) {
        if (!hasDate) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof DateTimeFormatter) {
                sb.append(((DateTimeFormatter) part).format(time)).append('\u0000');
            }
        }
        return sb.toString();
    }

    /** The object key for {@code time} and object {@code index}. */
    public String key(Instant time, int index) {
        StringBuilder sb = new StringBuilder();
        for (Object part : parts) {
            if (part == INDEX) {
                sb.append(index);
            } else if (part instanceof DateTimeFormatter) {
                sb.append(((DateTimeFormatter) part).format(time));
            } else {
                sb.append((String) part);
            }
        }
        if (!hasIndex && index > 0) {
            sb.insert(insertPoint(sb), "." + index);
        }
        return sb.toString();
    }

    /**
     * The common start of every key of the period at {@code time}, whatever its index: the text
     * before {@code %i} (or, without {@code %i}, before the inserted {@code .n}). Listing it finds
     * the period's objects.
     */
    public String indexPrefix(Instant time) {
        if (!hasIndex) {
            return key(time, 0).substring(0, insertPoint(key(time, 0)));
        }
        StringBuilder sb = new StringBuilder();
        for (Object part : parts) {
            if (part == INDEX) {
                break;
            }
            sb.append(part instanceof DateTimeFormatter ? ((DateTimeFormatter) part).format(time) : (String) part);
        }
        return sb.toString();
    }

    /**
     * The index of {@code key} if it is exactly {@code key(time, index)} for some index (decimal,
     * no leading zeros, compared as a number), else -1: keys of other periods or that merely share
     * the prefix are not objects of this pattern.
     */
    public int indexOf(Instant time, String key) {
        Matcher m = indexMatcher(time).matcher(key);
        if (!m.matches()) {
            return -1;
        }
        String digits = m.group(1);
        if (digits == null) {
            return hasIndex ? -1 : 0;
        }
        if (digits.length() > 9) {
            return -1;
        }
        int index = Integer.parseInt(digits);
        return key(time, index).equals(key) ? index : -1;
    }

    private Pattern indexMatcher(Instant time) {
        if (!hasIndex) {
            String first = key(time, 0);
            int at = insertPoint(first);
            return Pattern.compile(Pattern.quote(first.substring(0, at)) + "(?:\\.([0-9]+))?"
                    + Pattern.quote(first.substring(at)), Pattern.DOTALL);
        }
        StringBuilder regex = new StringBuilder();
        boolean first = true;
        for (Object part : parts) {
            if (part == INDEX) {
                regex.append(first ? "([0-9]+)" : "\\1");
                first = false;
            } else {
                String text = part instanceof DateTimeFormatter ? ((DateTimeFormatter) part).format(time) : (String) part;
                regex.append(Pattern.quote(text));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** Where {@code .n} goes in a key of a pattern without {@code %i}: before the last segment's extension. */
    private static int insertPoint(CharSequence key) {
        String k = key.toString();
        int slash = k.lastIndexOf('/');
        int dot = k.lastIndexOf('.');
        return dot > slash + 1 ? dot : k.length();
    }

    public boolean hasIndex() {
        return hasIndex;
    }

    public boolean hasDate() {
        return hasDate;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
