package io.github.appendlog.log4j2;

import java.util.Arrays;
import org.apache.logging.log4j.core.impl.MementoMessage;
import org.apache.logging.log4j.core.util.Constants;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ParameterConsumer;
import org.apache.logging.log4j.message.ParameterVisitable;
import org.apache.logging.log4j.message.ReusableMessage;
import org.apache.logging.log4j.util.StringBuilders;

/**
 * The copied text of a plain message, with its pattern and arguments. Reusable, as the message it
 * was copied from was: whoever keeps it beyond the encoding takes its {@link #memento()}.
 */
final class CopiedText implements ReusableMessage, ParameterVisitable {
    private static final long serialVersionUID = 1L;
    private static final Object[] NO_PARAMETERS = {};

    final StringBuilder chars = new StringBuilder(Constants.INITIAL_REUSABLE_MESSAGE_SIZE);
    final boolean keepParameters;
    private String format;
    private Throwable throwable;
    private Object[] parameters = NO_PARAMETERS;
    private short parameterCount;

    CopiedText(boolean keepParameters) {
        this.keepParameters = keepParameters;
    }

    void setFormat(String pattern) {
        if (pattern != format) {
            format = pattern;
        }
    }

    void setThrowable(Throwable thrown) {
        if (thrown != throwable) {
            throwable = thrown;
        }
    }

    void setParameter(int index, Object parameter) {
        if (index >= parameters.length) {
            parameters = Arrays.copyOf(parameters, Math.max(index + 1, parameters.length * 2));
        }
        if (parameters[index] != parameter) {
            parameters[index] = parameter;
        }
        parameterCount = (short) Math.max(parameterCount, index + 1);
    }

    void clear() {
        StringBuilders.trimToMaxSize(chars, Constants.MAX_REUSABLE_MESSAGE_SIZE); // keeps up to that many chars
        chars.setLength(0);
        throwable = null;
        Arrays.fill(parameters, 0, parameterCount, null);
        parameterCount = 0;
    }

    @Override
    public String getFormattedMessage() {
        return chars.toString();
    }

    @Override
    public String getFormat() {
        return format;
    }

    @Override
    public Object[] getParameters() {
        return Arrays.copyOf(parameters, parameterCount);
    }

    @Override
    public Throwable getThrowable() {
        return throwable;
    }

    @Override
    public void formatTo(StringBuilder buffer) {
        buffer.append(chars);
    }

    @Override
    public Object[] swapParameters(Object[] emptyReplacement) {
        Object[] result = parameters;
        parameters = emptyReplacement;
        return result;
    }

    @Override
    public short getParameterCount() {
        return parameterCount;
    }

    @Override
    public <S> void forEachParameter(ParameterConsumer<S> action, S state) {
        for (short i = 0; i < parameterCount; i++) {
            action.accept(parameters[i], i, state);
        }
    }

    @Override
    public Message memento() {
        return new MementoMessage(chars.toString(), format, getParameters());
    }
}
