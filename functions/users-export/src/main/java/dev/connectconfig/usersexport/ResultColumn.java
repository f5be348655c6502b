package dev.connectconfig.usersexport;

import java.util.Locale;

/** One column of the query's result: its name and Athena's type name ({@code varchar}, {@code bigint}, ...). */
record ResultColumn(String name, String type) {

    enum Kind { BOOLEAN, INTEGER, DECIMAL, TEXT }

    Kind kind() {
        String base = type == null ? "" : type.toLowerCase(Locale.ROOT);
        int bracket = base.indexOf('(');
        base = bracket < 0 ? base : base.substring(0, bracket);
        return switch (base) {
            case "boolean" -> Kind.BOOLEAN;
            case "tinyint", "smallint", "integer", "int", "bigint" -> Kind.INTEGER;
            case "real", "float", "double", "decimal" -> Kind.DECIMAL;
            default -> Kind.TEXT;
        };
    }
}
