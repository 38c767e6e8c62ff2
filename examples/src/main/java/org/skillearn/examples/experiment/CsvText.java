package org.skillearn.examples.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.UncheckedIOException;
import java.util.List;

/** CSV text (RFC 4180 quoting) of a header and rows, through Jackson's CSV format. */
final class CsvText {

    /** Quotes a cell only where RFC 4180 needs it (a separator, quote or line break in it). */
    private static final CsvMapper CSV = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();

    private CsvText() {
    }

    /**
     * @param header the column names
     * @param rows   one list of cell values per row, in the header's order (strings and numbers)
     * @throws IllegalArgumentException if a row's length differs from the header's
     */
    static String of(List<String> header, List<List<Object>> rows) {
        for (List<Object> r : rows) {
            if (r.size() != header.size()) {
                throw new IllegalArgumentException("a CSV row has " + r.size() + " cells, the header " + header.size());
            }
        }
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\n");
        header.forEach(schema::addColumn);
        try {
            return CSV.writer(schema.build()).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
