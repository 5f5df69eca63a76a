extension Limit {
    /// The storm variant (防汛防台 weather alert): half the time.
    ///
    /// An even amount keeps its unit. An odd amount moves to a finer unit so that nothing is
    /// rounded away: hours → minutes, days → hours, working hours → working minutes, and working
    /// days → working hours or minutes of a working day `workingDayMinutes` long
    /// (pass `WorkingCalendar.standardWorkingDayMinutes`; the default is the statutory 8-hour day).
    /// Minutes and working minutes round up. A non-positive amount is returned unchanged.
    public func halved(workingDayMinutes: Int = 480) -> Limit {
        guard amount > 0 else { return self }
        let even = amount.isMultiple(of: 2)
        switch unit {
        case .seconds, .minutes, .workingMinutes:
            return Limit(amount: (amount + 1) / 2, unit: unit)
        case .hours:
            return even ? Limit(amount: amount / 2, unit: .hours) : Limit(amount: amount * 30, unit: .minutes)
        case .days:
            return even ? Limit(amount: amount / 2, unit: .days) : Limit(amount: amount * 12, unit: .hours)
        case .workingHours:
            return even
                ? Limit(amount: amount / 2, unit: .workingHours) : Limit(amount: amount * 30, unit: .workingMinutes)
        case .workingDays:
            if even { return Limit(amount: amount / 2, unit: .workingDays) }
            let minutes = max(1, (amount * workingDayMinutes + 1) / 2)
            return minutes.isMultiple(of: 60)
                ? Limit(amount: minutes / 60, unit: .workingHours) : Limit(amount: minutes, unit: .workingMinutes)
        }
    }
}
