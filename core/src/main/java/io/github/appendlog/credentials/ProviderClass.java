package io.github.appendlog.credentials;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;

/**
 * Builds the user's {@link CredentialsProvider} named by the {@code credentialsProvider} setting: the
 * class is loaded with the thread's context class loader, then with appendlog's own; it must be a
 * public, concrete class implementing {@link CredentialsProvider} with a public no-arg constructor.
 * Every failure is an {@link IllegalArgumentException} whose message starts
 * {@code credentialsProvider:} and names the class.
 */
final class ProviderClass {
    private ProviderClass() {
    }

    static CredentialsProvider instantiate(String className) {
        String name = className.trim();
        Class<?> type = load(name);
        if (!CredentialsProvider.class.isAssignableFrom(type)) {
            throw problem(name, "does not implement " + CredentialsProvider.class.getName());
        }
        if (type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw problem(name, "is abstract; name a concrete class");
        }
        Constructor<?> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw problem(name, "has no public no-arg constructor");
        }
        try {
            return (CredentialsProvider) constructor.newInstance();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw problem(name, "threw " + cause.getClass().getName()
                    + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")") + " in its constructor");
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            throw problem(name, "cannot be instantiated: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    private static Class<?> load(String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            try {
                return Class.forName(name, false, context);
            } catch (ClassNotFoundException | LinkageError e) {
                // Try appendlog's own loader next.
            }
        }
        try {
            return Class.forName(name, false, ProviderClass.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw problem(name, "is not on the class path");
        } catch (LinkageError e) {
            throw problem(name, "cannot be loaded: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    private static IllegalArgumentException problem(String name, String what) {
        return new IllegalArgumentException("credentialsProvider: class " + name + " " + what);
    }
}
