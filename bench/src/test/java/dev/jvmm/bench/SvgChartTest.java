package dev.jvmm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class SvgChartTest {
    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document d) {
        NodeList nodes = d.getElementsByTagName("text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) out.add(nodes.item(i).getTextContent());
        return out;
    }

    /** Bars are the rects that carry a tooltip. */
    private static List<Element> bars(Document d) {
        NodeList rects = d.getElementsByTagName("rect");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < rects.getLength(); i++) {
            Element e = (Element) rects.item(i);
            if (e.getElementsByTagName("title").getLength() == 1) out.add(e);
        }
        return out;
    }

    @Test
    void isWellFormedSvgEvenWithMarkupInNames() throws Exception {
        Document d = parse(SvgChart.render(ReportFixtures.report("a<b>&\"c\"")));
        assertEquals("svg", d.getDocumentElement().getLocalName());
        assertEquals("http://www.w3.org/2000/svg", d.getDocumentElement().getNamespaceURI());
        assertTrue(texts(d).contains("a<b>&\"c\""), texts(d).toString());
    }

    @Test
    void oneBarPerCellWithTimesAndAMarkForTheOthers() throws Exception {
        Document d = parse(SvgChart.render(ReportFixtures.report("sieve32")));
        // sieve32: interp, qemu-tcg (kvm failed); hello-elf64: interp, kvm (qemu-tcg n/a)
        assertEquals(4, bars(d).size());
        List<String> t = texts(d);
        assertTrue(t.contains("FAILED"), t.toString());
        assertTrue(t.contains("n/a"), t.toString());
    }

    @Test
    void theLegendNamesEveryEngineThatRan() throws Exception {
        List<String> t = texts(parse(SvgChart.render(ReportFixtures.report("sieve32"))));
        assertTrue(t.contains("jvmm interp"), t.toString());
        assertTrue(t.contains("jvmm kvm [PVM (software)]"), t.toString());
        assertTrue(t.contains("QEMU tcg"), t.toString());
        assertFalse(t.contains("jvmm jit"), t.toString());
    }

    @Test
    void aWideSpreadGetsALogarithmicAxis() throws Exception {
        // CPU medians 6.0 and 0.1 (60 times apart): log scale, ticks 0.1 .. 10.
        List<String> t = texts(parse(SvgChart.render(ReportFixtures.report("sieve32"))));
        assertTrue(t.contains("CPU seconds (log scale)"), t.toString());
        assertTrue(t.contains("0.1 s") && t.contains("10 s"), t.toString());
    }

    @Test
    void longerTimesMakeTallerBars() throws Exception {
        List<Element> bars = bars(parse(SvgChart.render(ReportFixtures.report("sieve32"))));
        double interp = Double.parseDouble(bars.get(0).getAttribute("height"));
        double tcg = Double.parseDouble(bars.get(1).getAttribute("height"));
        assertTrue(interp > tcg, interp + " vs " + tcg);
    }

    @Test
    void linearScaleStartsAtZeroWithRoundTicks() {
        SvgChart.Scale s = SvgChart.Scale.fit(1.0, 4.2);
        assertFalse(s.log());
        assertEquals(List.of(0.0, 1.0, 2.0, 3.0, 4.0, 5.0), s.ticks());
        assertEquals(0.5, s.fraction(2.5), 1e-9);
    }
}
