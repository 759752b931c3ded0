//! The XML exports (Disqus, WordPress) read as a stream of elements with
//! quick-xml: one buffer for the current event and the text of the element
//! being read, so memory does not grow with the file.

use std::cell::Cell;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::rc::Rc;

use quick_xml::Reader;
use quick_xml::events::Event;

use super::Problem;

/// The longest text one element may hold (a comment's body is far shorter).
pub const MAX_TEXT: usize = 1 << 20;
/// The most bytes read for one event (a tag, a text, a CDATA section): the
/// reader holds an event whole, so this bounds its memory.
const MAX_EVENT: u64 = 2 * MAX_TEXT as u64;
/// The deepest elements nest (the formats need 5).
const MAX_DEPTH: usize = 64;

/// The file, counting the bytes read since the last event.
struct Metered {
    file: File,
    since: Rc<Cell<u64>>,
}

impl Read for Metered {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.since.get() > MAX_EVENT {
            return Err(std::io::Error::other(format!("more than {MAX_EVENT} bytes without the end of a tag or text")));
        }
        let n = self.file.read(buf)?;
        self.since.set(self.since.get() + n as u64);
        Ok(n)
    }
}

/// One element opened or closed.
#[derive(Debug)]
pub enum Node {
    /// `<name …>` at `depth` (the root is 1), with its `id` attribute in any
    /// namespace (`dsq:id`), if any.
    Open { name: String, depth: usize, id: Option<String> },
    /// `</name>`, with the text (and CDATA) it held directly or within, entities decoded.
    Close { name: String, depth: usize, text: String },
}

pub struct Xml {
    reader: Reader<BufReader<Metered>>,
    /// Bytes read since the last event.
    since: Rc<Cell<u64>>,
    buf: Vec<u8>,
    /// The names of the open elements.
    open: Vec<String>,
    text: String,
    /// An empty element's close, given after its open.
    pending: Option<Node>,
}

impl Xml {
    pub fn open(path: &Path) -> std::io::Result<Xml> {
        let since = Rc::new(Cell::new(0));
        let file = Metered { file: File::open(path)?, since: since.clone() };
        let mut reader = Reader::from_reader(BufReader::with_capacity(64 * 1024, file));
        reader.config_mut().check_end_names = true;
        Ok(Xml { reader, since, buf: Vec::new(), open: Vec::new(), text: String::new(), pending: None })
    }

    /// Where the reader is in the file, in bytes.
    pub fn position(&self) -> u64 {
        self.reader.buffer_position()
    }

    /// The next element opened or closed; `None` at the end of the file.
    pub fn read(&mut self) -> Result<Option<Node>, Problem> {
        if let Some(node) = self.pending.take() {
            return Ok(Some(node));
        }
        let Xml { reader, since, buf, open, text, pending } = self;
        let error = |reader: &Reader<BufReader<Metered>>, reason: std::fmt::Arguments| {
            Problem::at(reader.error_position().max(reader.buffer_position()), reason)
        };
        loop {
            buf.clear();
            since.set(0);
            let event = match reader.read_event_into(buf) {
                Ok(event) => event,
                Err(e) => return Err(error(reader, format_args!("malformed XML: {e}"))),
            };
            let (element, empty) = match event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(_) => {
                    let depth = open.len();
                    let name = open.pop().unwrap_or_default();
                    return Ok(Some(Node::Close { name, depth, text: std::mem::take(text) }));
                }
                Event::Text(t) => {
                    let content = t.xml_content();
                    let content = content.map_err(|e| error(reader, format_args!("not UTF-8 text: {e}")))?;
                    push(text, &content).map_err(|reason| error(reader, format_args!("{reason}")))?;
                    continue;
                }
                Event::CData(c) => {
                    let content = c.xml_content();
                    let content = content.map_err(|e| error(reader, format_args!("not UTF-8 text: {e}")))?;
                    push(text, &content).map_err(|reason| error(reader, format_args!("{reason}")))?;
                    continue;
                }
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => {
                            let name = r.decode().map(|n| n.into_owned()).unwrap_or_default();
                            match quick_xml::escape::resolve_predefined_entity(&name) {
                                Some(value) => value.to_owned(),
                                None => return Err(error(reader, format_args!("unknown entity &{name};"))),
                            }
                        }
                        Err(e) => return Err(error(reader, format_args!("malformed character reference: {e}"))),
                    };
                    push(text, &resolved).map_err(|reason| error(reader, format_args!("{reason}")))?;
                    continue;
                }
                Event::Eof if open.is_empty() => return Ok(None),
                Event::Eof => {
                    return Err(error(reader, format_args!("the file ends inside <{}>", open.join("><"))));
                }
                Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => continue,
            };
            let name = String::from_utf8_lossy(element.local_name().as_ref()).into_owned();
            let mut id = None;
            for attr in element.attributes() {
                let attr = match attr {
                    Ok(attr) => attr,
                    Err(e) => return Err(error(reader, format_args!("malformed attribute: {e}"))),
                };
                if attr.key.local_name().as_ref() == b"id" {
                    match attr.unescape_value() {
                        Ok(value) => id = Some(value.into_owned()),
                        Err(e) => return Err(error(reader, format_args!("malformed attribute: {e}"))),
                    }
                }
            }
            text.clear();
            let depth = open.len() + 1;
            if depth > MAX_DEPTH {
                return Err(error(reader, format_args!("elements nested deeper than {MAX_DEPTH}")));
            }
            if empty {
                *pending = Some(Node::Close { name: name.clone(), depth, text: String::new() });
            } else {
                open.push(name.clone());
            }
            return Ok(Some(Node::Open { name, depth, id }));
        }
    }
}

/// `more` added to `text`, unless that makes it longer than [`MAX_TEXT`].
fn push(text: &mut String, more: &str) -> Result<(), String> {
    if text.len() + more.len() > MAX_TEXT {
        return Err(format!("an element holds more than {MAX_TEXT} bytes of text"));
    }
    text.push_str(more);
    Ok(())
}
