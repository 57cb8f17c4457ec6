package com.receivableshub.soap;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.time.LocalDate;

/** xs:date to java.time for the generated SOAP classes (see contracts/wsdl/binding.xml). */
public final class LocalDateAdapter extends XmlAdapter<String, LocalDate> {
    @Override
    public LocalDate unmarshal(String value) {
        return value == null ? null : LocalDate.parse(value.trim());
    }

    @Override
    public String marshal(LocalDate value) {
        return value == null ? null : value.toString();
    }
}
