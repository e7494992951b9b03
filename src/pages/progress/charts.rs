//! The progress page's charts: pooled referrals, every provider's clock and
//! every provider's stages over time, drawn by the domain and framed by
//! `crate::ui::charts`.

use bars_domain::charts::{clock_chart, referral_chart, stage_chart};
use bars_domain::readiness::Readiness;
use leptos::prelude::*;

use crate::state::store::use_store;
use crate::ui::charts::{chart_figure, CLOCKS, REFERRALS, STAGES};

/// The charts, drawn again when the readiness (and so the as-of date) changes.
#[component]
pub fn Charts(id: String, readiness: Memo<Option<Readiness>>) -> impl IntoView {
    let store = use_store();
    let deployment_id = id.clone();
    let referrals = Memo::new(move |_| {
        store.state.with(|s| readiness.with(|r| r.as_ref().zip(s.deployment(&id)).and_then(|(r, d)| referral_chart(d, r)).map(|c| c.drawn())))
    });
    let clocks = Memo::new(move |_| readiness.with(|r| r.as_ref().and_then(clock_chart).map(|c| c.drawn())));
    let stages = Memo::new(move |_| {
        store.state.with(|s| readiness.with(|r| r.as_ref().zip(s.deployment(&deployment_id)).and_then(|(r, d)| stage_chart(d, r.as_of)).map(|c| c.drawn())))
    });
    view! {
        {chart_figure(&REFERRALS, referrals.into())}
        {chart_figure(&CLOCKS, clocks.into())}
        {chart_figure(&STAGES, stages.into())}
    }
}
