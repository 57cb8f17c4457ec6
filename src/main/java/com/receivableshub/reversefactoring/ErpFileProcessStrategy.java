package com.receivableshub.reversefactoring;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileEndpoint;
import org.apache.camel.component.file.GenericFileOperations;
import org.apache.camel.component.file.strategy.GenericFileExpressionRenamer;
import org.apache.camel.component.file.strategy.GenericFileRenameProcessStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What becomes of an ERP file after the hub took it: like the file component's own {@code move} / {@code moveFailed}
 * (to archive/ once every chunk committed, to failed/ if the hub could not finish it), except for a file the hub
 * stopped reading because it is shutting down ({@link ErpFiles#LEFT_FOR_RESTART}): that one stays in the inbox with
 * its done-marker, and the next start takes it again (the chunks already committed count as duplicates).
 * Used as {@code processStrategy=#class:...} by the ERP file routes, one instance per endpoint.
 */
public class ErpFileProcessStrategy extends GenericFileRenameProcessStrategy<File> {

    private static final Logger LOG = LoggerFactory.getLogger(ErpFileProcessStrategy.class);

    @Override
    public void prepareOnStartup(GenericFileOperations<File> operations, GenericFileEndpoint<File> endpoint)
            throws Exception {
        if (endpoint.getMove() != null) {
            setCommitRenamer(new GenericFileExpressionRenamer<>(endpoint.getMove()));
        }
        if (endpoint.getMoveFailed() != null) {
            setFailureRenamer(new GenericFileExpressionRenamer<>(endpoint.getMoveFailed()));
        }
        super.prepareOnStartup(operations, endpoint);
    }

    @Override
    public void rollback(GenericFileOperations<File> operations, GenericFileEndpoint<File> endpoint, Exchange exchange,
                         GenericFile<File> file) throws Exception {
        if (!Boolean.TRUE.equals(exchange.getProperty(ErpFiles.LEFT_FOR_RESTART, Boolean.class))) {
            super.rollback(operations, endpoint, exchange, file);
            return;
        }
        try {
            deleteLocalWorkFile(exchange);
            operations.releaseRetrievedFileResources(exchange);
            if (endpoint.getDoneFileName() != null) {
                // The component removed the marker on the way to moveFailed; without it the file would wait forever.
                Path marker = Path.of(file.getAbsoluteFilePath() + ".done");
                if (!Files.exists(marker)) {
                    Files.createFile(marker);
                }
            }
            LOG.info("file {} left in the inbox for the next start", file.getAbsoluteFilePath());
        } finally {
            if (exclusiveReadLockStrategy != null) {
                exclusiveReadLockStrategy.releaseExclusiveReadLockOnRollback(operations, file, exchange);
            }
        }
    }
}
