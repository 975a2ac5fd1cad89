//! Puts the children of WordprocessingML property elements in the order the
//! schema gives them. docx-rs writes, for instance, `w:sz` before `w:rFonts`
//! and `w:jc` before `w:spacing`; LibreOffice does not mind, but Word reads
//! these elements as sequences and is reported to drop children out of place
//! (a font not applied, a colour lost). The notice depends on its fonts, so the
//! parts are reordered before they are packed.
//!
//! The parser only has to read what docx-rs writes: no comments, no CDATA, no
//! DOCTYPE; attribute values are quoted; text sits between tags. Anything it
//! does not understand is an error, never a silent change.

use anyhow::{bail, Result};

/// Child order (ECMA-376 Part 1, transitional schema) of the elements that are
/// reordered; children not listed keep their relative order after the listed ones.
const ORDERS: &[(&str, &[&str])] = &[
    (
        "w:rPr",
        &[
            "w:ins",
            "w:del",
            "w:moveFrom",
            "w:moveTo",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:rPrChange",
        ],
    ),
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
    ),
    (
        "w:sectPr",
        &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
            "w:tblPrChange",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
            "w:headers",
            "w:cellIns",
            "w:cellDel",
            "w:cellMerge",
            "w:tcPrChange",
        ],
    ),
    (
        "w:style",
        &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
    ),
    (
        "w:settings",
        &[
            "w:writeProtection",
            "w:view",
            "w:zoom",
            "w:removePersonalInformation",
            "w:removeDateAndTime",
            "w:doNotDisplayPageBoundaries",
            "w:displayBackgroundShape",
            "w:printPostScriptOverText",
            "w:printFractionalCharacterWidth",
            "w:printFormsData",
            "w:embedTrueTypeFonts",
            "w:embedSystemFonts",
            "w:saveSubsetFonts",
            "w:saveFormsData",
            "w:mirrorMargins",
            "w:alignBordersAndEdges",
            "w:bordersDoNotSurroundHeader",
            "w:bordersDoNotSurroundFooter",
            "w:gutterAtTop",
            "w:hideSpellingErrors",
            "w:hideGrammaticalErrors",
            "w:activeWritingStyle",
            "w:proofState",
            "w:formsDesign",
            "w:attachedTemplate",
            "w:linkStyles",
            "w:stylePaneFormatFilter",
            "w:stylePaneSortMethod",
            "w:documentType",
            "w:mailMerge",
            "w:revisionView",
            "w:trackRevisions",
            "w:doNotTrackMoves",
            "w:doNotTrackFormatting",
            "w:documentProtection",
            "w:autoFormatOverride",
            "w:styleLockTheme",
            "w:styleLockQFSet",
            "w:defaultTabStop",
            "w:autoHyphenation",
            "w:consecutiveHyphenLimit",
            "w:hyphenationZone",
            "w:doNotHyphenateCaps",
            "w:showEnvelope",
            "w:summaryLength",
            "w:clickAndTypeStyle",
            "w:defaultTableStyle",
            "w:evenAndOddHeaders",
            "w:bookFoldRevPrinting",
            "w:bookFold",
            "w:bookFoldPrinting",
            "w:bookFoldPrintingSheets",
            "w:drawingGridHorizontalSpacing",
            "w:drawingGridVerticalSpacing",
            "w:displayHorizontalDrawingGridEvery",
            "w:displayVerticalDrawingGridEvery",
            "w:doNotUseMarginsForDrawingGridOrigin",
            "w:drawingGridHorizontalOrigin",
            "w:drawingGridVerticalOrigin",
            "w:doNotShadeFormData",
            "w:noPunctuationKerning",
            "w:characterSpacingControl",
            "w:printTwoOnOne",
            "w:strictFirstAndLastChars",
            "w:noLineBreaksAfter",
            "w:noLineBreaksBefore",
            "w:savePreviewPicture",
            "w:doNotValidateAgainstSchema",
            "w:saveInvalidXml",
            "w:ignoreMixedContent",
            "w:alwaysShowPlaceholderText",
            "w:doNotDemarcateInvalidXml",
            "w:saveXmlDataOnly",
            "w:useXSLTWhenSaving",
            "w:saveThroughXslt",
            "w:showXMLTags",
            "w:alwaysMergeEmptyNamespace",
            "w:updateFields",
            "w:hdrShapeDefaults",
            "w:footnotePr",
            "w:endnotePr",
            "w:compat",
            "w:docVars",
            "w:rsids",
        ],
    ),
];

/// One element or one run of text, as slices of the input.
enum Node<'a> {
    Text(&'a str),
    Elem {
        name: &'a str,
        /// The start tag, `<w:x a="1">` or `<w:x a="1" />`.
        start: &'a str,
        children: Vec<Node<'a>>,
        /// The end tag, empty for a self-closing element.
        end: &'a str,
    },
}

struct Parser<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    /// Nodes up to the end of the input, or up to `</name>` (consumed).
    fn nodes(&mut self, until: Option<&str>) -> Result<(Vec<Node<'a>>, &'a str)> {
        let mut out = Vec::new();
        loop {
            let rest = &self.s[self.pos..];
            if rest.is_empty() {
                if let Some(name) = until {
                    bail!("<{name}> is not closed");
                }
                return Ok((out, ""));
            }
            if let Some(after) = rest.strip_prefix("</") {
                let close = after.find('>').ok_or_else(|| anyhow::anyhow!("end tag"))?;
                let name = after[..close].trim();
                match until {
                    Some(open) if open == name => {
                        let end = &rest[..close + 3];
                        self.pos += close + 3;
                        return Ok((out, end));
                    }
                    _ => bail!("unexpected </{name}>"),
                }
            }
            if rest.starts_with("<?") {
                let close = rest.find("?>").ok_or_else(|| anyhow::anyhow!("<?…?>"))?;
                out.push(Node::Text(&rest[..close + 2]));
                self.pos += close + 2;
                continue;
            }
            if rest.starts_with("<!") {
                bail!("comments, CDATA and DOCTYPE are not expected");
            }
            if rest.starts_with('<') {
                let len = start_tag_len(rest)?;
                let start = &rest[..len];
                let name_end = start[1..]
                    .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
                    .map_or(len - 1, |i| i + 1);
                let name = &start[1..name_end];
                self.pos += len;
                if start.ends_with("/>") {
                    out.push(Node::Elem {
                        name,
                        start,
                        children: Vec::new(),
                        end: "",
                    });
                } else {
                    let (children, end) = self.nodes(Some(name))?;
                    out.push(Node::Elem {
                        name,
                        start,
                        children,
                        end,
                    });
                }
                continue;
            }
            let len = rest.find('<').unwrap_or(rest.len());
            out.push(Node::Text(&rest[..len]));
            self.pos += len;
        }
    }
}

/// The length of the start tag at the beginning of `s`, quotes respected.
fn start_tag_len(s: &str) -> Result<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Ok(i + 1),
            _ => {}
        }
    }
    bail!("a start tag is not closed")
}

fn rank(order: &[&str], child: &Node) -> usize {
    match child {
        Node::Elem { name, .. } => order.iter().position(|n| n == name).unwrap_or(order.len()),
        Node::Text(_) => order.len(),
    }
}

fn write(nodes: &mut [Node], out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(t),
            Node::Elem {
                name,
                start,
                children,
                end,
            } => {
                if let Some((_, order)) = ORDERS.iter().find(|(e, _)| e == name) {
                    // Stable: equal ranks (repeated or unknown children) keep
                    // their order.
                    children.sort_by_key(|c| rank(order, c));
                }
                out.push_str(start);
                write(children, out);
                out.push_str(end);
            }
        }
    }
}

/// The part with the children of its property elements in schema order.
pub fn canonical(xml: &str) -> Result<String> {
    let mut p = Parser { s: xml, pos: 0 };
    let (mut nodes, _) = p.nodes(None)?;
    let mut out = String::with_capacity(xml.len());
    write(&mut nodes, &mut out);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::canonical;

    #[test]
    fn run_and_paragraph_properties_in_schema_order() {
        let xml = r#"<?xml version="1.0"?><w:document><w:body><w:p><w:pPr><w:rPr /><w:jc w:val="center" /><w:ind w:firstLine="640" /><w:spacing w:line="579" /><w:keepNext /></w:pPr><w:r><w:rPr><w:sz w:val="32" /><w:szCs w:val="32" /><w:rFonts w:eastAsia="仿宋_GB2312" /><w:b /></w:rPr><w:t xml:space="preserve">a &lt; b > c</w:t></w:r></w:p></w:body></w:document>"#;
        let want = r#"<?xml version="1.0"?><w:document><w:body><w:p><w:pPr><w:keepNext /><w:spacing w:line="579" /><w:ind w:firstLine="640" /><w:jc w:val="center" /><w:rPr /></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia="仿宋_GB2312" /><w:b /><w:sz w:val="32" /><w:szCs w:val="32" /></w:rPr><w:t xml:space="preserve">a &lt; b > c</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(canonical(xml).unwrap(), want);
    }

    #[test]
    fn section_and_cell_properties() {
        let xml = r#"<w:sectPr><w:pgSz w:w="11906" /><w:cols w:num="1" /><w:footerReference w:type="default" r:id="a" /><w:footerReference w:type="even" r:id="b" /></w:sectPr><w:tcPr><w:tcW w:w="1" /><w:vAlign w:val="center" /><w:shd w:fill="E7E6E6" /></w:tcPr>"#;
        let want = r#"<w:sectPr><w:footerReference w:type="default" r:id="a" /><w:footerReference w:type="even" r:id="b" /><w:pgSz w:w="11906" /><w:cols w:num="1" /></w:sectPr><w:tcPr><w:tcW w:w="1" /><w:shd w:fill="E7E6E6" /><w:vAlign w:val="center" /></w:tcPr>"#;
        assert_eq!(canonical(xml).unwrap(), want);
    }

    #[test]
    fn other_elements_untouched_and_errors_reported() {
        let xml = r#"<a><c x="1>2" /><b>t</b></a>"#;
        assert_eq!(canonical(xml).unwrap(), xml);
        assert!(canonical("<a><b></a>").is_err());
        assert!(canonical("<a><!-- x --></a>").is_err());
    }
}
