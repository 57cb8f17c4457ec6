package com.receivableshub.mapping;

/** How the text of one CSV cell becomes the value of a record component. */
enum ValueType {
    /** Taken as it is (ids, names, reasons). */
    TEXT,
    /** A unified social credit code, checked as it is read so the reason can quote the cell. */
    CODE,
    /** CNY in the layout's decimal style and unit. */
    AMOUNT,
    /** In the layout's date format. */
    DATE,
    /** One of the spellings of true or false. */
    BOOLEAN
}
