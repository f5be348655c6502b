package dev.connectconfig.platform.cloudformation;

/** A resource property that is missing or malformed: the resource fails before it changes anything. */
public final class InvalidPropertyException extends CustomResourceFailure {

    private static final long serialVersionUID = 1L;

    private final String property;

    public InvalidPropertyException(String property, String problem) {
        super("Property " + property + ": " + problem);
        this.property = property;
    }

    public String property() {
        return property;
    }
}
