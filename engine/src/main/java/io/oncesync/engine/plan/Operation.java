package io.oncesync.engine.plan;

/** What an action does to its record. */
public enum Operation { CREATE, UPDATE }
