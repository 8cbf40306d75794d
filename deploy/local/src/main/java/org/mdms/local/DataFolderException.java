package org.mdms.local;

/** The launcher refuses to start on this data folder (or setting); the message says why and what to do instead. */
public final class DataFolderException extends RuntimeException {

    public DataFolderException(String message) {
        super(message);
    }
}
