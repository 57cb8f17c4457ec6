package com.receivableshub.soap;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.time.OffsetDateTime;

/** xs:dateTime to java.time for the generated SOAP classes (see contracts/wsdl/binding.xml). */
public final class OffsetDateTimeAdapter extends XmlAdapter<String, OffsetDateTime> {
    @Override
    public OffsetDateTime unmarshal(String value) {
        return value == null ? null : OffsetDateTime.parse(value.trim());
    }

    @Override
    public String marshal(OffsetDateTime value) {
        return value == null ? null : value.toString();
    }
}
