package org.resnetlab.data;

/** Unusable input data: the message is one sentence naming the file and what to do about it. */
public class DataException extends RuntimeException {
    public DataException(String message) { super(message); }

    public DataException(String message, Throwable cause) { super(message, cause); }
}
