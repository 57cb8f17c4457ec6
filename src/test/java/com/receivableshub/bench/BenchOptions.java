package com.receivableshub.bench;

import java.nio.file.Path;

/**
 * What a benchmark run was asked for.
 *
 * @param lines       payables lines of the ingest part
 * @param soapSeconds how long each SOAP measurement runs
 * @param clients     concurrent SOAP clients
 * @param jdbcUrl     the PostgreSQL database the hub and the limit measurement write to
 * @param workDir     scratch directory of this run (data dirs, generated files)
 */
public record BenchOptions(long lines, int soapSeconds, int clients, String jdbcUrl, Path workDir) {
}
