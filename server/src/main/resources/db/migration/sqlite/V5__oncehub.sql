-- Reconciliation with OnceHub's API: how far the poll of updated bookings has got. One row per watermark name
-- ("bookings"); value_at is the newest last_updated_time seen (epoch millis), moved only forward.
CREATE TABLE oncehub_watermark (
    name       VARCHAR(64) PRIMARY KEY,
    value_at   BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
