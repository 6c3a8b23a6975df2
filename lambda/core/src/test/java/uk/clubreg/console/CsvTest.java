package uk.clubreg.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void fieldsWithCommasQuotesAndLineBreaksAreQuotedAndReadBack() {
        List<String> fields = List.of("Sam", "Asthma, \"mild\"", "line one\nline two", "", "Zoë");

        String row = Csv.row(fields);

        assertThat(row).isEqualTo("Sam,\"Asthma, \"\"mild\"\"\",\"line one\nline two\",,Zoë\r\n");
        assertThat(Csv.parse(row)).containsExactly(fields);
    }

    @Test
    void aTextASpreadsheetWouldRunAsAFormulaGetsAnApostropheButNumbersAndPhonesDoNot() {
        assertThat(Csv.row(List.of("=HYPERLINK(\"x\")", "@SUM(A1)", "+447700900123", "-3", "-x")))
                .isEqualTo("\"'=HYPERLINK(\"\"x\"\")\",'@SUM(A1),+447700900123,-3,'-x\r\n");
    }

    @Test
    void aByteOrderMarkBlankLinesAndBareLineFeedsAreAccepted() {
        assertThat(Csv.parse("\uFEFFa,b\n\n1,2\r\n3,4"))
                .containsExactly(List.of("a", "b"), List.of("1", "2"), List.of("3", "4"));
    }
}
