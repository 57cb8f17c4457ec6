package com.receivableshub.model;

import java.time.OffsetDateTime;
import java.util.List;

/** 登记结果: the registry's registration number, and earlier registrations on the same receivables. */
public record RegistrationResult(
        String registrationRequestId,
        String registrationNumber,
        List<String> existingRegistrations,
        OffsetDateTime registeredAt) {
}
