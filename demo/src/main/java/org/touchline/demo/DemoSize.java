package org.touchline.demo;

/**
 * How big a demo company to generate: how many customers, about how many interactions in all source files together,
 * and over how many months (ending on {@link DemoCompany#END}).
 */
public record DemoSize(int customers, long interactions, int months) {
    public DemoSize {
        if (customers < 10) throw new IllegalArgumentException("a demo company needs at least 10 customers");
        if (interactions < 100) throw new IllegalArgumentException("a demo company needs at least 100 interactions");
        if (months < 1 || months > 120) throw new IllegalArgumentException("months must be between 1 and 120");
    }

    /** The size the issue asks for: 2,000 customers and 100,000 interactions over 18 months. */
    public static DemoSize standard() { return new DemoSize(2000, 100_000, 18); }
}
