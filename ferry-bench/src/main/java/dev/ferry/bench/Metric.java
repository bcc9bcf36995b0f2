package dev.ferry.bench;

/** One figure of a result: a name (also its JSON key), a value and its unit. */
public record Metric(String name, double value, String unit) {}
