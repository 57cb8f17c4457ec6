package com.receivableshub.smoke;

import java.util.List;

/** A flow's contribution to the smoke run; every capability adds one bean of this type. */
public interface SmokeSteps {

    /** Where this flow's steps stand in the run (lower first). */
    int order();

    List<SmokeStep> steps(SmokeContext context);
}
