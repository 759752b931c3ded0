//! A part of the view taken over from the server's first view in a later
//! task than the rest ([`Later`]): the browser compiles the module's
//! functions as they are first called, on the main thread, so one
//! hydration of the whole widget is one long task; hydrated in parts, it is
//! several shorter ones, and the page can paint and answer the reader in
//! between. No browser calls: `entry.rs` says when the parts left over run
//! ([`hydrating`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;
use leptos::tachys::html::attribute::Attribute;
use leptos::tachys::html::attribute::any_attribute::AnyAttribute;
use leptos::tachys::hydration::Cursor;
use leptos::tachys::renderer::Rndr;
use leptos::tachys::renderer::types::{Element, Node};
use leptos::tachys::view::add_attr::AddAnyAttr;
use leptos::tachys::view::any_view::{AnyView, AnyViewState, AnyViewWithAttrs};
use leptos::tachys::view::{Mountable, Position, PositionState, Render, RenderHtml};
use wasm_bindgen::JsCast;

/// `view`, one element, hydrated after the rest of the widget (built and
/// rendered to HTML as it is).
pub struct Later(pub AnyView);

thread_local! {
    /// The parts whose hydration waits, in the order of the page, until
    /// [`hydrating`] takes them.
    static PENDING: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
}

/// The parts of a view a hydration left for later, in the order of the
/// page: taken right after it, so that each widget on a page has its own.
#[must_use]
pub struct Pending(Vec<Box<dyn FnOnce()>>);

/// Runs `hydrate` (a hydration), and gives what it left for later with its
/// result (none left over from a hydration that failed midway before it).
pub fn hydrating<T>(hydrate: impl FnOnce() -> T) -> (T, Pending) {
    let take = || Pending(PENDING.with(|p| std::mem::take(&mut *p.borrow_mut())));
    drop(take());
    let done = hydrate();
    (done, take())
}

impl Pending {
    /// Hydrates them (each does nothing if its part was taken down meanwhile).
    pub fn hydrate(self) {
        for hydrate in self.0 {
            hydrate();
        }
    }
}

/// A [`Later`]'s state: its element, its view until its turn (with the
/// reactive owner it was made under), and its view's state once hydrated.
pub struct LaterState {
    el: Option<Element>,
    waiting: Rc<Waiting>,
    inner: Rc<RefCell<Option<AnyViewState>>>,
}

type Waiting = Cell<Option<(AnyView, Option<Owner>)>>;

impl Render for Later {
    type State = LaterState;

    fn build(self) -> LaterState {
        LaterState { el: None, waiting: Rc::default(), inner: Rc::new(RefCell::new(Some(self.0.build()))) }
    }

    fn rebuild(self, state: &mut LaterState) {
        // Changed before its turn: the old view takes the server's nodes
        // over first, then changes as any view does.
        if let Some(el) = &state.el {
            hydrate_waiting(&state.waiting, &state.inner, el);
        }
        if let Some(inner) = state.inner.borrow_mut().as_mut() {
            self.0.rebuild(inner);
        }
    }
}

/// Hydrates the view waiting for `el`'s nodes, if it still waits (its turn,
/// or a change before it).
fn hydrate_waiting(waiting: &Waiting, inner: &RefCell<Option<AnyViewState>>, el: &Element) {
    if let Some((view, owner)) = waiting.take() {
        let hydrate = || view.hydrate::<true>(&Cursor::new(el.clone()), &PositionState::new(Position::Current));
        let hydrated = match owner {
            Some(owner) => owner.with(hydrate),
            None => hydrate(),
        };
        *inner.borrow_mut() = Some(hydrated);
    }
}

impl RenderHtml for Later {
    type AsyncOutput = Later;
    type Owned = Later;
    const MIN_LENGTH: usize = 0;

    fn dry_resolve(&mut self) {
        self.0.dry_resolve();
    }

    async fn resolve(self) -> Later {
        Later(self.0.resolve().await)
    }

    fn to_html_with_buf(
        self,
        buf: &mut String,
        position: &mut Position,
        escape: bool,
        mark_branches: bool,
        extra_attrs: Vec<AnyAttribute>,
    ) {
        self.0.to_html_with_buf(buf, position, escape, mark_branches, extra_attrs);
    }

    fn hydrate<const FROM_SERVER: bool>(self, cursor: &Cursor, position: &PositionState) -> LaterState {
        // Where an element's hydration finds its element, and leaves the cursor.
        match position.get() {
            Position::FirstChild => cursor.child(),
            Position::Current => {}
            _ => cursor.sibling(),
        }
        let el: Element = cursor.current().unchecked_into();
        position.set(Position::NextChild);
        let state = LaterState {
            el: Some(el.clone()),
            waiting: Rc::new(Cell::new(Some((self.0, Owner::current())))),
            inner: Rc::default(),
        };
        let (waiting, inner) = (state.waiting.clone(), state.inner.clone());
        PENDING.with(|p| p.borrow_mut().push(Box::new(move || hydrate_waiting(&waiting, &inner, &el))));
        state
    }

    fn into_owned(self) -> Later {
        self
    }
}

impl AddAnyAttr for Later {
    type Output<SomeNewAttr: Attribute> = AnyViewWithAttrs;

    fn add_any_attr<NewAttr: Attribute>(self, attr: NewAttr) -> Self::Output<NewAttr>
    where
        Self::Output<NewAttr>: RenderHtml,
    {
        self.0.add_any_attr(attr)
    }
}

impl Mountable for LaterState {
    fn unmount(&mut self) {
        // Taken down before its turn: the turn does nothing.
        self.waiting.take();
        match (self.inner.borrow_mut().as_mut(), &self.el) {
            (Some(inner), _) => inner.unmount(),
            (None, Some(el)) => Rndr::remove(el.as_ref()),
            (None, None) => {}
        }
    }

    fn mount(&mut self, parent: &Element, marker: Option<&Node>) {
        match (self.inner.borrow_mut().as_mut(), &self.el) {
            (Some(inner), _) => inner.mount(parent, marker),
            (None, Some(el)) => Rndr::insert_node(parent, el.as_ref(), marker),
            (None, None) => {}
        }
    }

    fn insert_before_this(&self, child: &mut dyn Mountable) -> bool {
        if let Some(inner) = self.inner.borrow().as_ref() {
            return inner.insert_before_this(child);
        }
        let Some(el) = &self.el else { return false };
        match Rndr::get_parent(el).and_then(|parent| parent.dyn_into::<Element>().ok()) {
            Some(parent) => {
                child.mount(&parent, Some(el));
                true
            }
            None => false,
        }
    }

    fn elements(&self) -> Vec<Element> {
        match self.inner.borrow().as_ref() {
            Some(inner) => inner.elements(),
            None => self.el.iter().cloned().collect(),
        }
    }
}
